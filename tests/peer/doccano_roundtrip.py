"""Drives a running doccano 1.8 (on 127.0.0.1) through its REST API for the peer-tools
test: create a sequence-labelling project, upload Claimdesk's doccano export and import
it (a Celery task), relabel the first span of the first example, comment on that example,
export the project.

    python doccano_roundtrip.py BASE_URL USER PASSWORD EXPORT.jsonl BACK.jsonl

Prints one JSON line: {"examples", "spans_in_first", "relabelled": {"text", "label"},
"comment": {"text", "example_text"}},
where the text is what doccano's own offsets (UTF-16 units) cut out of the example.
"""
import http.cookiejar, io, json, sys, time, urllib.error, urllib.request, uuid, zipfile
BASE, USER, PASSWORD, EXPORT, BACK = sys.argv[1:6]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def csrf():
    return next((c.value for c in jar if c.name == "csrftoken"), "")
def call(method, path, body=None, ctype="application/json"):
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
    headers = {"X-CSRFToken": csrf(), "Referer": BASE + "/"}
    if ctype:
        headers["Content-Type"] = ctype
    request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers)
    try:
        with opener.open(request) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        sys.exit(f"{method} {path}: HTTP {err.code}: {err.read()[:500]!r}")
def wait(task_id):
    for _ in range(120):
        status = json.loads(call("GET", f"/v1/tasks/status/{task_id}"))
        if status["ready"]:
            if status["error"]:
                sys.exit(f"task failed: {status['error']}")
            return status["result"]
        time.sleep(1)
    sys.exit("task did not finish")
call("GET", "/v1/auth/csrf-token/")
call("POST", "/v1/auth/login/", {"username": USER, "password": PASSWORD})
project = json.loads(call("POST", "/v1/projects", {
    "name": "claimdesk round trip", "description": "Claimdesk export", "project_type": "SequenceLabeling",
    "resourcetype": "SequenceLabelingProject", "guideline": "", "random_order": False,
    "collaborative_annotation": False, "allow_overlapping": False, "grapheme_mode": False,
    "use_relation": False, "tags": []}))
pid = project["id"]
boundary = uuid.uuid4().hex
with open(EXPORT, "rb") as f:
    content = f.read()
form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"filepond\"; filename=\"claimdesk.jsonl\"\r\n"
        f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
upload_id = call("POST", "/v1/fp/process/", form, f"multipart/form-data; boundary={boundary}").decode().strip()
task = json.loads(call("POST", f"/v1/projects/{pid}/upload", {
    "uploadIds": [upload_id], "format": "JSONL", "task": "SequenceLabeling",
    "column_data": "text", "column_label": "label", "delimiter": "", "encoding": "utf_8"}))
result = wait(task["task_id"])
if result.get("error"):
    sys.exit(f"import errors: {result['error']}")
examples = json.loads(call("GET", f"/v1/projects/{pid}/examples?limit=100"))["results"]
types = json.loads(call("GET", f"/v1/projects/{pid}/span-types"))
by_id = {t["id"]: t["text"] for t in types}
first = examples[0]
spans = json.loads(call("GET", f"/v1/projects/{pid}/examples/{first['id']}/spans"))
span = spans[0]
current = by_id[span["label"]]
new_label = "unverifiable" if current != "unverifiable" else "false"
target = next((t["id"] for t in types if t["text"] == new_label), None)
if target is None:
    target = json.loads(call("POST", f"/v1/projects/{pid}/span-types",
        {"text": new_label, "background_color": "#888888", "text_color": "#ffffff"}))["id"]
call("PATCH", f"/v1/projects/{pid}/examples/{first['id']}/spans/{span['id']}", {"label": target})
text = first["text"]
units = text.encode("utf-16-le")
span_text = units[2 * span["start_offset"]:2 * span["end_offset"]].decode("utf-16-le")
# A comment written in doccano on the first example, as a reviewer there would.
COMMENT = "Checked in doccano: the UN report agrees."
call("POST", f"/v1/projects/{pid}/comments?example={first['id']}", {"text": COMMENT})
task = json.loads(call("POST", f"/v1/projects/{pid}/download", {"format": "JSONL", "exportApproved": False}))
wait(task["task_id"])
archive = call("GET", f"/v1/projects/{pid}/download?taskId={task['task_id']}", ctype=None)
with zipfile.ZipFile(io.BytesIO(archive)) as z:
    name = next(n for n in z.namelist() if n.endswith(".jsonl"))
    with open(BACK, "wb") as out:
        out.write(z.read(name))
print(json.dumps({"examples": len(examples), "spans_in_first": len(spans),
                  "relabelled": {"text": span_text, "label": new_label},
                  "comment": {"text": COMMENT, "example_text": text}}))
