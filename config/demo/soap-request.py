#!/usr/bin/env python3
"""Builds a WS-Security UsernameToken request (PasswordDigest, fresh Nonce and Created, a Timestamp) for the TSW
Gateway SOAP service and posts it with curl. DEMO tool: the default password is the DEMO-ONLY one of
config/demo/demo-secrets.properties.

  config/demo/soap-request.py submit mappings/wco-dec-dms-2/samples/TT_IM017a.xml
  config/demo/soap-request.py submit --user demofwd config/demo/samples/demofwd-import.edi
  config/demo/soap-request.py status 12            (message id, or the partner's own reference)
  config/demo/soap-request.py responses            (answers waiting; then: ack ID ...)
  options: --url URL (default http://127.0.0.1:8082/ws/submission)  --user USER (default demotrader)
           --password PASSWORD (default: the demo password of that user's partner)  --print (show the request)
"""
import argparse, base64, datetime, hashlib, os, re, subprocess, sys, tempfile

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


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("operation", choices=["submit", "status", "responses", "ack"])
    p.add_argument("args", nargs="*")
    p.add_argument("--url", default="http://127.0.0.1:8082/ws/submission")
    p.add_argument("--user", default="demotrader")
    p.add_argument("--password")
    p.add_argument("--print", action="store_true")
    args = p.parse_args()
    if args.operation in ("submit", "status") and len(args.args) != 1:
        p.error(args.operation + " takes one argument")
    password = args.password or demo_password(args.user)
    envelope = (f'<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"'
                f' xmlns:tsw="{NS}"><soap:Header>{security_header(args.user, password)}</soap:Header>'
                f"<soap:Body>{body(args)}</soap:Body></soap:Envelope>")
    if args.print:
        print(envelope, file=sys.stderr)
    action = {"submit": "SubmitDocument", "status": "GetStatus", "responses": "GetResponses",
              "ack": "AcknowledgeResponses"}[args.operation]
    with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8", delete=False) as f:
        f.write(envelope)
    try:
        return subprocess.call(["curl", "-sS", "-H", "Content-Type: text/xml; charset=UTF-8",
                                "-H", f'SOAPAction: "{NS}:{action}"', "--data-binary", "@" + f.name, args.url])
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    sys.exit(main())
