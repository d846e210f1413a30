# A shared HTTP cache in front of gunicorn, as a CDN sits (make bench; docs/performance.md).
# Varnish's builtin VCL runs after these subroutines and does the rest: it passes
# everything but GET and HEAD, passes any request with a Cookie or Authorization
# header (a signed-in runner, a form), never stores a response that sets a cookie
# or says private, no-cache or no-store, and keeps what it stores for the
# response's s-maxage or max-age.
vcl 4.1;

# The origin: `backend origin { .host = ...; .port = ...; }`, written by
# tools/varnish.py for the gunicorn it stands in front of (varnishd takes either
# -b or a VCL file, not both).
include "origin.vcl";

sub vcl_backend_response {
    # Store only what the origin marks public. The builtin VCL would also keep a
    # response with no Cache-Control at all for default_ttl (120 s).
    if (beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)") {
        # Remembered for two minutes as uncacheable ("hit-for-miss"), so that
        # requests for it go straight to the origin instead of queueing behind
        # one another, waiting for a response that will never be stored.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}
