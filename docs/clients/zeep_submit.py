#!/usr/bin/env python3
"""Submit an EDIFACT interchange to the TSW Gateway SOAP service with zeep (Debian: apt-get install python3-zeep).

    python3 zeep_submit.py WSDL_URL USER PASSWORD FILE.edi

WS-Security as the service enforces it: a UsernameToken with PasswordDigest (zeep adds Nonce and Created) AND a
wsu:Timestamp. zeep's usual UsernameToken(use_digest=True) alone sends no Timestamp and gets tsw:TimestampRequired:
pass timestamp_token as below. Prints the receipt, then the status of the submission.
"""
import datetime
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken
from zeep.wsse.utils import WSU


def timestamp(seconds=300):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    ts = WSU.Timestamp()
    ts.append(WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%SZ")))
    ts.append(WSU.Expires((now + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")))
    return ts


def main(wsdl, user, password, path):
    # a fresh token per request: the nonce and the timestamp may be used once only
    def client():
        return Client(wsdl, wsse=UsernameToken(user, password, use_digest=True, timestamp_token=timestamp()))

    with open(path, "rb") as f:
        content = f.read()
    try:
        receipt = client().service.SubmitDocument(
            Interchange={"_value_1": content, "contentType": "application/EDIFACT"})
    except Fault as fault:
        print(f"FAULT {fault.code}: {fault.message}")
        return 1
    print(f"MessageId {receipt.MessageId} State {receipt.State} Reference {receipt.PartnerReference}")
    status = client().service.GetStatus(MessageId=receipt.MessageId)
    print(f"Status {status[0].State}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
