import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView, UpdateView

from accounts import newsletter, services
from accounts.forms import DeleteAccountForm, NewsletterForm, ProfileForm
from accounts.models import Subscriber
from plans.exports import download_response
from plans.models import Routine


class ProfileView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/user_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = "Your account settings are saved."

    def get_object(self, queryset=None):
        return self.request.user


@login_required
def export_data(request):
    payload = json.dumps(services.export_user_data(user=request.user), indent=2)
    response = HttpResponse(payload, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="runner-strength-my-data.json"'
    return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    form_class = DeleteAccountForm
    template_name = "accounts/user_confirm_delete.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        services.delete_account(request=self.request, user=self.request.user)
        messages.success(self.request, "Your account and everything in it have been deleted.")
        return redirect("home")


def newsletter_signup(request):
    """GET shows the form; POST always ends on the same "check your inbox" page."""
    form = NewsletterForm.for_request(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not newsletter.signup_allowed(client_ip(request)):
            return render(request, "429.html", status=429)
        if form.is_valid():
            if not form.is_bot:
                newsletter.subscribe(
                    email=form.cleaned_data["email"],
                    first_name=form.cleaned_data["first_name"],
                    source=form.cleaned_data["source"],
                    base_url=request.build_absolute_uri("/").rstrip("/"),
                )
            return redirect("newsletter:check-inbox")
    return render(
        request,
        "accounts/newsletter_form.html",
        {"form": form, "consent_text": newsletter.CONSENT_TEXT},
    )


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def newsletter_check_inbox(request):
    return render(request, "accounts/newsletter_check_inbox.html")


def bad_link(request):
    form = NewsletterForm.for_request(request)
    return render(
        request,
        "accounts/newsletter_bad_link.html",
        {"form": form, "consent_text": newsletter.CONSENT_TEXT},
        status=400,
    )


def newsletter_confirm(request, token):
    try:
        subscriber = newsletter.read_token(token, newsletter.Purpose.CONFIRM)
    except newsletter.BadLink:
        return bad_link(request)
    newsletter.confirm(subscriber)
    links = newsletter.links(subscriber, base_url="")
    return render(
        request, "accounts/newsletter_confirmed.html", {"subscriber": subscriber, **links}
    )


def newsletter_template(request, token, extension):
    """The free template, through the same generator as every routine download."""
    try:
        subscriber = newsletter.read_token(token, newsletter.Purpose.DOWNLOAD)
    except newsletter.BadLink:
        return bad_link(request)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return bad_link(request)
    template = get_object_or_404(Routine.objects.templates(), slug=newsletter.TEMPLATE_SLUG)
    return download_response(template, extension)


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the signed token is the key.
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    try:
        subscriber = newsletter.read_token(token, newsletter.Purpose.UNSUBSCRIBE)
    except newsletter.BadLink:
        return bad_link(request)
    if request.method == "POST":
        newsletter.unsubscribe(subscriber)
        return render(request, "accounts/newsletter_unsubscribed.html", {"subscriber": subscriber})
    return render(
        request, "accounts/newsletter_unsubscribe.html", {"subscriber": subscriber, "token": token}
    )
