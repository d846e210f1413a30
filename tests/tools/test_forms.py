from tools.forms import form_fields

PAGE = """
<form action="/search/"><input name="q" value="squat"></form>
<form id="change" method="post" action="">
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input name="name" value="Knee">
  <input type="checkbox" name="public" checked>
  <input type="checkbox" name="archived">
  <input type="radio" name="unit" value="kg">
  <input type="radio" name="unit" value="lb" checked>
  <select name="focus">
    <option value="">---</option><option value="knee" selected>Knee</option>
  </select>
  <select name="level">
    <option value="beginner">Beginner</option><option value="advanced">Advanced</option>
  </select>
  <select name="muscles" multiple>
    <option value="1" selected>a</option><option value="2">b</option>
    <option value="3" selected>c</option>
  </select>
  <textarea name="intro">
First line &amp; second</textarea>
  <input type="submit" name="_save" value="Save">
</form>
"""


def test_the_fields_a_browser_would_send_from_the_chosen_form():
    assert form_fields(PAGE, id="change") == [
        ("csrfmiddlewaretoken", "token"),
        ("name", "Knee"),
        ("public", "on"),
        ("unit", "lb"),
        ("focus", "knee"),
        ("level", "beginner"),
        ("muscles", "1"),
        ("muscles", "3"),
        ("intro", "First line & second"),
    ]


def test_a_form_is_chosen_by_its_action():
    assert form_fields(PAGE, action="/search/") == [("q", "squat")]
    assert form_fields(PAGE, action="/elsewhere/") == []
