from core.limits import within_limit


def test_a_limit_counts_each_name_and_window_on_its_own():
    assert [within_limit("a", 2, 60) for _ in range(3)] == [True, True, False]
    assert within_limit("a", 5, 3600), "another window has its own count"
    assert within_limit("b", 2, 60), "another name has its own count"
