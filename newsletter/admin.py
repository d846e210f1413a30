import csv
import smtplib
from functools import update_wrapper

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin import BoundedSearchMixin, DateHierarchyMixin, RetiresContentMixin
from core.http import site_url
from core.spreadsheets import inert_text
from newsletter import services
from newsletter.models import Delivery, Issue, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(DateHierarchyMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["email", "first_name", "status", "created", "confirmed_at", "consent_page"]
    list_filter = ["status", ("created", admin.DateFieldListFilter)]
    search_fields = ["email", "first_name"]
    date_hierarchy = "created"
    readonly_fields = [
        "key",
        "consent_text",
        "consent_version",
        "consent_page",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created",
    ]
    actions = ["resend_confirmation", "export_confirmed_csv"]

    def changelist_view(self, request, extra_context=None):
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
        status_counts = [
            (label, counts.get(value, 0)) for value, label in Subscriber.Status.choices
        ]
        return super().changelist_view(
            request, {**(extra_context or {}), "status_counts": status_counts}
        )

    # Both actions change or reveal what a view-only permission must not: the "change" one.
    @admin.action(
        description="Resend the confirmation e-mail to the selected pending subscribers",
        permissions=["change"],
    )
    def resend_confirmation(self, request, queryset):
        queued = services.resend_confirmations(subscribers=queryset, base_url=settings.SITE_URL)
        self.message_user(request, f"Queued {queued} confirmation e-mail(s).")

    @admin.action(
        description="Export the selected confirmed subscribers as CSV", permissions=["change"]
    )
    def export_confirmed_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="confirmed-subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "first_name", "confirmed_at", "consented_at", "consent_page"])
        confirmed = queryset.filter(status=Subscriber.Status.CONFIRMED).order_by("confirmed_at")
        for subscriber in confirmed:
            # A first name or source page is whatever the signup form was sent: never a
            # formula when the file is opened in a spreadsheet.
            writer.writerow(
                [
                    inert_text(subscriber.email),
                    inert_text(subscriber.first_name),
                    subscriber.confirmed_at.isoformat(),
                    subscriber.consented_at.isoformat(),
                    inert_text(subscriber.consent_page),
                ]
            )
        return response


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label="Send at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Site time. Housekeeping (every five minutes) starts it once this is past.",
    )


@admin.register(Issue)
class IssueAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    """Write an issue, preview it, send a test to yourself, then send it or schedule it.

    Every step that sends or changes what will be sent needs the change
    permission; a view-only member sees the issue, its preview and its counts.
    """

    list_display = ["subject", "status", "scheduled_at", "sent_at", "sent", "failed"]
    list_filter = ["status"]
    search_fields = ["subject"]
    fields = [
        "subject",
        "preheader",
        "body",
        "status",
        "scheduled_at",
        "sent_at",
        "finished_at",
        "deliveries_summary",
    ]
    readonly_fields = ["status", "scheduled_at", "sent_at", "finished_at", "deliveries_summary"]
    actions = ["resend_failed"]

    def retire(self, issue) -> None:
        if issue.sent_at is not None:  # only a sent issue is on a public page
            super().retire(issue)

    def get_queryset(self, request):
        by_status = lambda status: Count("deliveries", filter=Q(deliveries__status=status))  # noqa: E731
        return (
            super()
            .get_queryset(request)
            .annotate(sent_count=by_status(Delivery.Status.SENT))
            .annotate(failed_count=by_status(Delivery.Status.FAILED))
        )

    @admin.display(ordering="sent_count")
    def sent(self, issue):
        return issue.sent_count

    @admin.display(ordering="failed_count")
    def failed(self, issue):
        return issue.failed_count

    @admin.display(description="Deliveries")
    def deliveries_summary(self, issue):
        if issue.pk is None or issue.sent_at is None:
            return "Not sent yet."
        counts = issue.deliveries.counts()
        return format_html(
            "Sent: <strong>{}</strong> · Failed: <strong>{}</strong> · Waiting: {} · "
            "Skipped (unsubscribed before their turn): {} · "
            "Unsubscribed after it: <strong>{}</strong>",
            counts[Delivery.Status.SENT],
            counts[Delivery.Status.FAILED],
            counts[Delivery.Status.PENDING],
            counts[Delivery.Status.SKIPPED],
            issue.deliveries.unsubscribed_after(),
        )

    def get_urls(self):
        def wrap(view):
            def wrapper(*args, **kwargs):
                return self.admin_site.admin_view(view)(*args, **kwargs)

            wrapper.model_admin = self
            return update_wrapper(wrapper, view)

        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path("<path:object_id>/send/", wrap(self.send_view), name="{}_{}_send".format(*info)),
            *super().get_urls(),
        ]

    def issue_or_404(self, request, object_id) -> Issue:
        issue = self.get_object(request, unquote(object_id))
        if issue is None:
            raise Http404("No such issue.")
        return issue

    def preview_view(self, request, object_id):
        """The e-mail as a subscriber gets it, with the subject and preheader on top."""
        issue = self.issue_or_404(request, object_id)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        context = {
            "issue": issue,
            "preview": True,
            "browser_url": site_url(issue.get_absolute_url()),
            "unsubscribe_url": site_url(reverse("newsletter:signup")),
        }
        return TemplateResponse(request, "newsletter/email/issue.html", context)

    def send_view(self, request, object_id):
        """Send a test to me, send now, or schedule (each a POST, each needing change)."""
        issue = self.issue_or_404(request, object_id)
        if not self.has_change_permission(request, issue):
            raise PermissionDenied
        form = ScheduleForm(
            request.POST if request.POST.get("action") == "schedule" else None,
            initial={"at": issue.scheduled_at},
        )
        if request.method == "POST":
            done = self.send_action(request, issue, request.POST.get("action"), form)
            if done:
                return redirect(done)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": f"Send “{issue}”",
            "form": form,
            "recipients": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
            "can_send": issue.status in (Issue.Status.DRAFT, Issue.Status.SCHEDULED),
        }
        return TemplateResponse(request, "admin/newsletter/issue/send.html", context)

    def send_action(self, request, issue, action, form) -> str:
        """Carry out one of the send page's buttons; the page to go to next ("" to stay)."""
        change_url = reverse("admin:newsletter_issue_change", args=[issue.pk])
        try:
            if action == "test":
                services.send_test(issue=issue, to=request.user.email, base_url=settings.SITE_URL)
                self.message_user(request, f"Sent a test to {request.user.email}.")
                return request.path
            if action == "now":
                recipients = services.start_sending(issue=issue, base_url=settings.SITE_URL)
                self.message_user(request, f"Sending to {recipients} confirmed subscriber(s).")
                return change_url
            if action == "schedule" and form.is_valid():
                services.schedule(issue=issue, at=form.cleaned_data["at"])
                self.message_user(request, "Scheduled.")
                return change_url
            if action == "unschedule":
                services.unschedule(issue=issue)
                self.message_user(request, "No longer scheduled: back to draft.")
                return change_url
        except services.NotSendable as error:
            self.message_user(request, str(error), messages.ERROR)
        except (smtplib.SMTPException, OSError) as error:
            self.message_user(request, f"The test could not be sent: {error}", messages.ERROR)
        return ""

    @admin.action(
        description="Send the failed deliveries of the selected issues again",
        permissions=["change"],
    )
    def resend_failed(self, request, queryset):
        again = sum(
            services.resend_failed(issue=issue, base_url=settings.SITE_URL) for issue in queryset
        )
        self.message_user(request, f"Sending {again} failed e-mail(s) again.")
