"""Small pieces shared by the list views."""

from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset, *, per_page: int = PAGE_SIZE) -> dict:
    """Page of ``queryset`` plus the query string (without ``page``) for the pagination links."""
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "object_list": page_obj.object_list, "query_string": params.urlencode()}


def search_term(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:100]
