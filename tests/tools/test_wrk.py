"""Reading wrk's report: the numbers every bench table is made of."""

import pytest

from tools.wrk import parse

# As wrk 4 prints it with --latency, after a run that met errors.
REPORT = """Running 1s test @ http://127.0.0.1:8391/public
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    47.40ms   94.28ms    1.20s    85.26%
    Req/Sec   784.00    541.69     1.70k    71.43%
  Latency Distribution
     50%  {p50}
     75%   24.44ms
     90%  215.21ms
     99%  {p99}
  571 requests in 1.04s, 100.54KB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:    549.76
Transfer/sec:     96.80KB
"""


@pytest.mark.parametrize(
    ("p50", "p99", "p50_ms", "p99_ms"),
    [("812.00us", "360.73ms", 0.812, 360.73), ("1.53ms", "1.20s", 1.53, 1200.0)],
)
def test_latencies_are_read_in_milliseconds_whatever_unit_wrk_chose(p50, p99, p50_ms, p99_ms):
    result = parse(REPORT.format(p50=p50, p99=p99))
    assert result["p50_ms"] == pytest.approx(p50_ms)
    assert result["p99_ms"] == pytest.approx(p99_ms)
    assert result["rps"] == pytest.approx(549.76)


def test_socket_errors_and_error_statuses_all_count_as_errors():
    assert parse(REPORT.format(p50="1.53ms", p99="360.73ms"))["errors"] == 8


def test_a_clean_run_has_no_errors():
    report = REPORT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
    report = report.replace("  Non-2xx or 3xx responses: 5\n", "")
    assert parse(report.format(p50="1.53ms", p99="360.73ms"))["errors"] == 0
