from newsletter.forms import NewsletterForm


def newsletter(request):
    """The footer's signup form on every page."""
    return {
        "footer_newsletter_form": NewsletterForm.for_request(
            request, auto_id="footer-newsletter-%s"
        )
    }
