from django.contrib import admin

from core import invalidation
from core.admin import BoundedSearchMixin, RetiresContentMixin
from exercises.admin import DOSE_FIELDS
from plans.models import Routine, RoutineItem, Session


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["name", "order"]
    show_change_link = True
    extra = 0


class RoutineItemInline(admin.TabularInline):
    model = RoutineItem
    autocomplete_fields = ["exercise"]
    fields = [
        "order",
        "exercise",
        *DOSE_FIELDS,
        "load_kind",
        "load_kg",
        "band",
        "load_note",
        "rest_seconds",
        "notes",
    ]
    extra = 0


@admin.register(Routine)
class RoutineAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "owner",
        "is_template",
        "is_newsletter_gift",
        "focus",
        "sessions_per_week",
        "updated",
    ]
    list_filter = ["is_template", "is_newsletter_gift", "focus"]
    search_fields = ["name", "slug", "owner__email"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    inlines = [SessionInline]

    def retire(self, obj):
        invalidation.retire_routine(obj)


@admin.register(Session)
class SessionAdmin(RetiresContentMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "routine", "order"]
    search_fields = ["name", "routine__name"]
    list_select_related = ["routine"]
    autocomplete_fields = ["routine"]
    inlines = [RoutineItemInline]

    def retire(self, obj):
        invalidation.retire_routine(obj.routine)
