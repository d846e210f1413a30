"""The newsletter's pages: signup, confirmation, the template download, unsubscribe,
and the archive of past issues."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.http import client_ip
from core.pages import public_page
from core.structured_data import collection_page
from newsletter import services
from newsletter.emails import links
from newsletter.forms import NewsletterForm
from newsletter.models import Issue, Subscriber
from newsletter.structured_data import article
from newsletter.tokens import BadLink, Purpose, StaleLink, make_token, read_token
from plans.exports import download_response
from plans.models import Routine


@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request):
    """GET shows the form; POST always ends on the same "check your inbox" page.

    Exempt from CSRF, so that every public page can carry the form without a
    per-visitor token and be cached whole by any shared cache. A forged
    cross-site post can do nothing a direct post cannot: recording a signup
    reads no cookie, session or signed-in user (no ambient authority), and a
    signup is guarded on its own: the honeypot, the per-IP limit, the
    per-address e-mail limit, and double opt-in, so no address is subscribed
    until its owner clicks the e-mailed link.
    """
    form = NewsletterForm.for_request(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not services.signup_allowed(client_ip(request)):
            return render(request, "429.html", status=429)
        if form.is_valid():
            if not form.is_bot:
                services.subscribe(
                    email=form.cleaned_data["email"],
                    first_name=form.cleaned_data["first_name"],
                    source=form.cleaned_data["source"],
                    base_url=settings.SITE_URL,
                )
            return redirect("newsletter:check-inbox")
    return render(
        request, "newsletter/signup.html", {"form": form, "consent_text": services.CONSENT_TEXT}
    )


def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


def bad_link(request):
    form = NewsletterForm.for_request(request)
    return render(
        request,
        "newsletter/bad_link.html",
        {"form": form, "consent_text": services.CONSENT_TEXT},
        status=400,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET and HEAD show a button and change nothing; its POST confirms.

    Link scanners (Safe Links and the like) open every link in an e-mail
    before the person does, so a GET must not confirm. The POST is exempt
    from CSRF with the signed token as its key: only the inbox's owner has
    the token, a forged post without it is a 400, and confirming reads no
    cookie or session, so there is no ambient authority to ride; a CSRF
    cookie would only add a 403 for people whose mail app's browser drops
    cookies. The answer is a 303 to the page that starts the download.
    """
    try:
        subscriber = read_token(token, Purpose.CONFIRM)
    except StaleLink:
        return stale_link(request)
    except BadLink:
        return bad_link(request)
    if request.method == "POST":
        services.confirm(subscriber)
        download = make_token(subscriber, Purpose.DOWNLOAD)
        response = redirect("newsletter:confirmed", download)
        response.status_code = 303  # See Other: the page after it is a GET
        return response
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber, "token": token})


def stale_link(request):
    form = NewsletterForm.for_request(request)
    return render(
        request,
        "newsletter/stale_link.html",
        {"form": form, "consent_text": services.CONSENT_TEXT},
        status=400,
    )


def confirmed(request, token):
    """The page after the press: it starts the PDF download itself (static/js/download-now.js)."""
    try:
        subscriber = read_token(token, Purpose.DOWNLOAD)
    except BadLink:
        return bad_link(request)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return bad_link(request)
    return render(
        request,
        "newsletter/confirmed.html",
        {
            "subscriber": subscriber,
            "gift": Routine.objects.newsletter_gift().first(),
            **links(subscriber, base_url=""),
        },
    )


def template_download(request, token, extension):
    """The free template, through the same generator as every routine download."""
    try:
        subscriber = read_token(token, Purpose.DOWNLOAD)
    except BadLink:
        return bad_link(request)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return bad_link(request)
    return download_response(get_object_or_404(Routine.objects.newsletter_gift()), extension)


@csrf_exempt  # RFC 8058: mail clients POST here without a CSRF token; the signed token is the key.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = read_token(token, Purpose.UNSUBSCRIBE)
    except BadLink:
        return bad_link(request)
    if request.method == "POST":
        services.unsubscribe(subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(
        request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token}
    )


ISSUES_PER_PAGE = 20
ARCHIVE_DESCRIPTION = (
    "Every issue of the Runner Strength newsletter: strength training for runners, "
    "about once a week."
)


@public_page(query_params=["page"])
def issue_list(request):
    """Past issues, newest first: every issue whose sending has begun."""
    issues = Issue.objects.archived().only("subject", "preheader", "sent_at")
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    structured_data = collection_page(
        name="Past issues of the newsletter",
        description=ARCHIVE_DESCRIPTION,
        path=request.path,
        items=page.object_list,
    )
    return render(
        request,
        "newsletter/issue_list.html",
        {"page": page, "description": ARCHIVE_DESCRIPTION, "structured_data": structured_data},
    )


@public_page
def issue_detail(request, pk):
    """One sent issue as a web page: the e-mail's "view in your browser" link."""
    issue = get_object_or_404(Issue.objects.archived(), pk=pk)
    return render(
        request,
        "newsletter/issue_detail.html",
        {"issue": issue, "structured_data": article(issue)},
    )
