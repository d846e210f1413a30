"""schema.org objects (JSON-LD) shared by every app's pages: the site and list pages.

Each app builds the objects for its own pages (exercises: HowTo, plans: ExercisePlan);
a view passes one as `structured_data` and base.html writes it (core.templatetags.seo).
"""

from core.http import site_url

CONTEXT = "https://schema.org"
SITE_NAME = "Runner Strength"


def web_site() -> dict:
    return {"@context": CONTEXT, "@type": "WebSite", "name": SITE_NAME, "url": site_url("/")}


def collection_page(*, name: str, description: str, path: str, items) -> dict:
    """A list page: its entries (objects with a name and get_absolute_url) as an ItemList."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": site_url(path),
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": site_url("/")},
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": item.name,
                    "url": site_url(item.get_absolute_url()),
                }
                for position, item in enumerate(items, start=1)
            ],
        },
    }


def web_page(*, name: str, path: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "name": name,
        "url": site_url(path),
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": site_url("/")},
    }
