import csv

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.http import HttpResponse

from core.admin import BoundedSearchMixin, DateHierarchyMixin
from core.spreadsheets import inert_text
from newsletter import services
from newsletter.models import Subscriber


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
