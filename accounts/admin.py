import csv

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count
from django.http import HttpResponse

from accounts import newsletter
from accounts.models import Subscriber, User
from exercises.admin import BoundedSearchMixin


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BoundedSearchMixin, BaseUserAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["display_name", "weight_unit"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]


@admin.register(Subscriber)
class SubscriberAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["email", "first_name", "status", "created", "confirmed_at", "consent_page"]
    list_filter = ["status", ("created", admin.DateFieldListFilter)]
    search_fields = ["email", "first_name"]
    date_hierarchy = "created"
    readonly_fields = [
        "key",
        "consent_text",
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

    @admin.action(description="Resend the confirmation e-mail to the selected pending subscribers")
    def resend_confirmation(self, request, queryset):
        base_url = request.build_absolute_uri("/").rstrip("/")
        pending = queryset.filter(status=Subscriber.Status.PENDING)
        for subscriber in pending:
            newsletter.send_newsletter_email.enqueue(
                subscriber.pk, newsletter.Mail.CONFIRM, base_url
            )
        self.message_user(request, f"Queued {pending.count()} confirmation e-mail(s).")

    @admin.action(description="Export the selected confirmed subscribers as CSV")
    def export_confirmed_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="confirmed-subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "first_name", "confirmed_at", "consented_at", "consent_page"])
        confirmed = queryset.filter(status=Subscriber.Status.CONFIRMED).order_by("confirmed_at")
        for subscriber in confirmed:
            writer.writerow(
                [
                    subscriber.email,
                    subscriber.first_name,
                    subscriber.confirmed_at.isoformat(),
                    subscriber.consented_at.isoformat(),
                    subscriber.consent_page,
                ]
            )
        return response
