"""Admin behaviour every app's ModelAdmin shares."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.utils.text import smart_split

from core import invalidation


class BoundedSearchMixin:
    """Admin search on the first few words only. Every word becomes a LIKE on each search
    field, so a pasted essay made a query SQLite refuses ("Expression tree is too large")
    and a slow one on PostgreSQL."""

    max_search_length = 200
    max_search_terms = 10

    def get_search_results(self, request, queryset, search_term):
        terms = list(smart_split(search_term[: self.max_search_length]))[: self.max_search_terms]
        return super().get_search_results(request, queryset, " ".join(terms))


class RetiresContentMixin:
    """An edit in the admin retires the cached pages that show it, once committed.

    The hooks are the ModelAdmin methods every add, change, list edit and
    delete goes through. `retire(obj)` says what the object's edit retires;
    by default the library content every public page shows.
    """

    def retire(self, obj) -> None:
        invalidation.retire_content()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.retire(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.retire(form.instance)

    def delete_model(self, request, obj):
        self.retire(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.retire(obj)
        super().delete_queryset(request, queryset)


class DateBoundChangeList(ChangeList):
    """The admin's date hierarchy, where a date past 9999 (?created__year=9999&created__month=12
    asks for the next month) is a bad filter, shown as such, not a 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class DateHierarchyMixin:
    """For a ModelAdmin with a date_hierarchy (see DateBoundChangeList)."""

    def get_changelist(self, request, **kwargs):
        return DateBoundChangeList
