#!/usr/bin/env python3
"""Builds a WS-Security UsernameToken request (PasswordDigest, fresh Nonce and Created, a Timestamp) for the TSW
Gateway SOAP service and posts it with curl. DEMO tool: the default password is the DEMO-ONLY one of
config/demo/demo-secrets.properties.

  config/demo/soap-request.py submit mappings/wco-dec-dms-2/samples/TT_IM017a.xml
  config/demo/soap-request.py submit --user demofwd config/demo/samples/demofwd-import.edi
  config/demo/soap-request.py status 12            (message id, or the partner's own reference)
  config/demo/soap-request.py responses            (answers waiting, their Content decoded)
  config/demo/soap-request.py ack                  (acknowledges every answer `responses` returns now; or: ack ID ...)
  options: --url URL (default http://127.0.0.1:8082/ws/submission)  --user USER (default demotrader)
           --password PASSWORD (default: the demo password of that user's partner)  --print (show the request)
           --keep-reference (submit an EDIFACT file as it is; by default its UNB reference is made fresh, so the
           demo can run again without being refused as a duplicate)  --raw (print the answer as it came)
"""
import argparse, base64, datetime, hashlib, os, re, subprocess, sys, tempfile
import xml.dom.minidom

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "urn:hk:tsw:soap:submission:1"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"


def demo_password(user):
    partner = user.upper()
    with open(os.path.join(HERE, "demo-secrets.properties"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*gateway\.soap\.([A-Z0-9_-]+)\.password\s*=\s*(.*)", line)
            if m and m.group(1) == partner:
                return m.group(2).strip()
    sys.exit("no demo password for " + partner + "; use --password")


def security_header(user, password):
    now = datetime.datetime.now(datetime.timezone.utc)
    created = now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)
    expires = (now + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    nonce = os.urandom(16)
    # PasswordDigest = Base64(SHA-1(nonce + created + password))
    digest = base64.b64encode(hashlib.sha1(nonce + created.encode() + password.encode()).digest()).decode()
    return (f'<wsse:Security xmlns:wsse="{WSSE}" xmlns:wsu="{WSU}" soap:mustUnderstand="1">'
            f'<wsu:Timestamp wsu:Id="TS-1"><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires>'
            f'</wsu:Timestamp><wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>{user}</wsse:Username>'
            f'<wsse:Password Type="{TOKEN}#PasswordDigest">{digest}</wsse:Password>'
            f'<wsse:Nonce EncodingType="{WSSE.replace("wssecurity-secext-1.0.xsd", "soap-message-security-1.0#Base64Binary")}">'
            f'{base64.b64encode(nonce).decode()}</wsse:Nonce><wsu:Created>{created}</wsu:Created>'
            f'</wsse:UsernameToken></wsse:Security>')


def body(args):
    if args.operation == "submit":
        with open(args.args[0], "rb") as f:
            content = f.read()
        if content.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
            xml = re.sub(rb"^\s*(\xef\xbb\xbf)?\s*<\?xml[^>]*\?>", b"", content).decode("utf-8")
            return f"<tsw:SubmitDocumentRequest><tsw:WcoDocument>{xml}</tsw:WcoDocument></tsw:SubmitDocumentRequest>"
        if not args.keep_reference:
            content = fresh_reference(content)
        return (f'<tsw:SubmitDocumentRequest><tsw:Interchange contentType="application/EDIFACT">'
                f'{base64.b64encode(content).decode()}</tsw:Interchange></tsw:SubmitDocumentRequest>')
    if args.operation == "status":
        key = args.args[0]
        element = "MessageId" if key.isdigit() else "PartnerReference"
        return f"<tsw:GetStatusRequest><tsw:{element}>{key}</tsw:{element}></tsw:GetStatusRequest>"
    if args.operation == "responses":
        return "<tsw:GetResponsesRequest/>"
    ids = "".join(f"<tsw:ResponseId>{i}</tsw:ResponseId>" for i in args.args)
    return f"<tsw:AcknowledgeResponsesRequest>{ids}</tsw:AcknowledgeResponsesRequest>"


def fresh_reference(content):
    """The interchange with a new UNB 0020 control reference (and the same in UNZ): a fresh one every run."""
    text = content.decode("iso-8859-1")
    m = re.search(r"UNB\+(?:[^+']*\+){4}([^+':]+)", text)
    if not m:
        return content
    old = m.group(1)
    new = "D" + datetime.datetime.now(datetime.timezone.utc).strftime("%m%d%H%M%S")
    text = text[:m.start(1)] + new + text[m.end(1):]
    text = re.sub(r"(UNZ\+\d+\+)" + re.escape(old) + "'", lambda z: z.group(1) + new + "'", text)
    print(f"(UNB reference {old} -> {new}: a fresh one for this run; --keep-reference sends it as it is)",
          file=sys.stderr)
    return text.encode("iso-8859-1")


def readable(answer):
    """The SOAP answer pretty-printed, every base64 <Content> decoded into a comment after it."""
    try:
        doc = xml.dom.minidom.parseString(answer)
    except Exception:
        return answer.decode("utf-8", "replace")
    for el in doc.getElementsByTagNameNS("*", "Content"):
        raw = "".join(n.data for n in el.childNodes if n.nodeType == n.TEXT_NODE).strip()
        try:
            decoded = base64.b64decode(raw, validate=True).decode("utf-8")
        except Exception:
            continue
        el.parentNode.insertBefore(doc.createComment(" Content decoded:\n" + decoded.replace("--", "- -") + "\n"),
                                   el.nextSibling)
    return doc.toprettyxml(indent="  ")


def post(args, password, action, body_xml):
    envelope = (f'<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"'
                f' xmlns:tsw="{NS}"><soap:Header>{security_header(args.user, password)}</soap:Header>'
                f"<soap:Body>{body_xml}</soap:Body></soap:Envelope>")
    if args.print:
        print(envelope, file=sys.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8", delete=False) as f:
        f.write(envelope)
    try:
        r = subprocess.run(["curl", "-sS", "-H", "Content-Type: text/xml; charset=UTF-8",
                            "-H", f'SOAPAction: "{NS}:{action}"', "--data-binary", "@" + f.name, args.url],
                           capture_output=True)
    finally:
        os.unlink(f.name)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode("utf-8", "replace"))
    return r.returncode, r.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("operation", choices=["submit", "status", "responses", "ack"])
    p.add_argument("args", nargs="*")
    p.add_argument("--url", default="http://127.0.0.1:8082/ws/submission")
    p.add_argument("--user", default="demotrader")
    p.add_argument("--password")
    p.add_argument("--print", action="store_true")
    p.add_argument("--keep-reference", action="store_true")
    p.add_argument("--raw", action="store_true")
    args = p.parse_args()
    if args.operation in ("submit", "status") and len(args.args) != 1:
        p.error(args.operation + " takes one argument")
    password = args.password or demo_password(args.user)
    action = {"submit": "SubmitDocument", "status": "GetStatus", "responses": "GetResponses",
              "ack": "AcknowledgeResponses"}[args.operation]
    if args.operation == "ack" and not args.args:
        # the ids the gateway has waiting now, whatever order the demo was run in
        code, answer = post(args, password, "GetResponses", "<tsw:GetResponsesRequest/>")
        if code != 0:
            return code
        args.args = re.findall(r"<(?:\w+:)?ResponseId>\s*(\d+)\s*</", answer.decode("utf-8", "replace"))
        if not args.args:
            print("no answers waiting: nothing to acknowledge")
            return 0
        print("acknowledging " + " ".join(args.args), file=sys.stderr)
    code, answer = post(args, password, action, body(args))
    print(answer.decode("utf-8", "replace") if args.raw else readable(answer))
    return code

if __name__ == "__main__":
    sys.exit(main())
