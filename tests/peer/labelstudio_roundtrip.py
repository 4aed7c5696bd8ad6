"""Drives a running Label Studio (on 127.0.0.1) through its REST API for the peer-tools
test: create a project with one label per Claimdesk verdict, import Claimdesk's export,
relabel the first region of the first task, export the project again.

    python labelstudio_roundtrip.py BASE_URL EMAIL PASSWORD EXPORT.json BACK.json

Prints one JSON line: {"task_count", "annotation_count", "relabelled": {"text", "label"}}.
Session login (cookie and CSRF token), because Label Studio 1.23 refuses legacy tokens.
"""
import http.cookiejar
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE, EMAIL, PASSWORD, EXPORT, BACK = sys.argv[1:6]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def csrf():
    return next((c.value for c in jar if c.name == "csrftoken"), "")


def call(method, path, body=None, content_type="application/json"):
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
    headers = {"Content-Type": content_type, "X-CSRFToken": csrf(), "Referer": BASE + "/"}
    request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers)
    try:
        with opener.open(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        sys.exit(f"{method} {path}: HTTP {err.code}: {err.read()[:500]!r}")


call("GET", "/user/login/")
form = urllib.parse.urlencode(
    {"email": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": csrf()}
).encode()
call("POST", "/user/login/", form, "application/x-www-form-urlencoded")
status, who = call("GET", "/api/current-user/whoami")
if json.loads(who).get("email") != EMAIL:
    sys.exit(f"login failed: {who[:200]!r}")

labels = ["Unrated", "True", "Mostly true", "Half true", "Mostly false", "False",
          "Misleading", "Unverifiable"]
config = ('<View><Labels name="verdict" toName="text">'
          + "".join(f'<Label value="{label}"/>' for label in labels)
          + '</Labels><Text name="text" value="$text"/></View>')
_, project = call("POST", "/api/projects", {"title": "claimdesk round trip", "label_config": config})
pid = json.loads(project)["id"]
with open(EXPORT, "rb") as export:
    _, imported = call("POST", f"/api/projects/{pid}/import", export.read())
imported = json.loads(imported)

_, tasks = call("GET", f"/api/projects/{pid}/export?exportType=JSON")
tasks = json.loads(tasks)
annotation = tasks[0]["annotations"][0]
region = annotation["result"][0]
current = region["value"]["labels"][0]
new_label = "Unverifiable" if current != "Unverifiable" else "False"
region["value"]["labels"] = [new_label]
call("PATCH", f"/api/annotations/{annotation['id']}", {"result": annotation["result"]})

_, back = call("GET", f"/api/projects/{pid}/export?exportType=JSON")
with open(BACK, "wb") as out:
    out.write(back)
print(json.dumps({
    "task_count": imported["task_count"],
    "annotation_count": imported["annotation_count"],
    "relabelled": {"text": region["value"]["text"], "label": new_label},
}))
