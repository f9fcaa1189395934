// Submit an EDIFACT interchange to the TSW Gateway SOAP service with node `soap` (npm ci here first).
//
//     node submit.js WSDL_URL USER PASSWORD FILE.edi
//
// WS-Security as the service enforces it: UsernameToken with PasswordDigest, Nonce and Created, and a Timestamp
// (WSSecurity's hasTimeStamp and hasNonce). The Interchange is base64 with its required contentType attribute, which
// describe() does not show: node soap takes attributes under `attributes`.
'use strict';
const fs = require('fs');
const soap = require('soap');

async function main([wsdl, user, password, path]) {
  const client = await soap.createClientAsync(wsdl);
  const security = () => new soap.WSSecurity(user, password,
      { passwordType: 'PasswordDigest', hasTimeStamp: true, hasNonce: true, mustUnderstand: true });
  client.setSecurity(security());
  const content = fs.readFileSync(path).toString('base64');
  try {
    const [receipt] = await client.SubmitDocumentAsync({
      Interchange: { attributes: { contentType: 'application/EDIFACT' }, $value: content } });
    console.log(`MessageId ${receipt.MessageId} State ${receipt.State} Reference ${receipt.PartnerReference}`);
    client.setSecurity(security()); // a fresh nonce and timestamp for the next request
    const [status] = await client.GetStatusAsync({ MessageId: receipt.MessageId });
    console.log(`Status ${status.Message[0].State}`);
  } catch (e) {
    const fault = e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault;
    console.log(`FAULT ${fault ? fault.faultcode + ': ' + fault.faultstring : e.message}`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2));
