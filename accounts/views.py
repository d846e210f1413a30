import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, UpdateView

from accounts import services
from accounts.forms import DeleteAccountForm, ProfileForm


class ProfileView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/user_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = "Your account settings are saved."

    def get_object(self, queryset=None):
        return self.request.user


@login_required
@never_cache
def export_data(request):
    payload = json.dumps(services.export_user_data(user=request.user), indent=2)
    response = HttpResponse(payload, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="runner-strength-my-data.json"'
    return response


@login_required
@require_POST
def calendar_token_rotate(request):
    """A new private feed address (the first one, or one to replace a leaked one)."""
    services.rotate_calendar_token(user=request.user)
    messages.success(request, "Your calendar feed has a new address; the old one no longer works.")
    return redirect(reverse("accounts:profile") + "#calendar-title")


@login_required
@require_POST
def calendar_token_revoke(request):
    services.revoke_calendar_token(user=request.user)
    messages.success(request, "Your calendar feed is switched off; its address no longer works.")
    return redirect(reverse("accounts:profile") + "#calendar-title")


class DeleteAccountView(LoginRequiredMixin, FormView):
    form_class = DeleteAccountForm
    template_name = "accounts/user_confirm_delete.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        services.delete_account(request=self.request, user=self.request.user)
        messages.success(self.request, "Your account and everything in it have been deleted.")
        return redirect("core:home")
