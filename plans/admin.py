from django.contrib import admin

from exercises.admin import DOSE_FIELDS, BoundedSearchMixin
from plans.models import Routine, RoutineItem, Session


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["name", "order"]
    show_change_link = True
    extra = 0


class RoutineItemInline(admin.TabularInline):
    model = RoutineItem
    autocomplete_fields = ["exercise"]
    fields = ["order", "exercise", *DOSE_FIELDS, "load", "rest_seconds", "notes"]
    extra = 0


@admin.register(Routine)
class RoutineAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "is_template", "focus", "sessions_per_week", "updated"]
    list_filter = ["is_template", "focus"]
    search_fields = ["name", "slug", "owner__email"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "routine", "order"]
    search_fields = ["name", "routine__name"]
    list_select_related = ["routine"]
    autocomplete_fields = ["routine"]
    inlines = [RoutineItemInline]
