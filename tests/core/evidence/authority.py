"""A local RFC 3161 timestamp authority for tests: answers requests with tokens built with
asn1crypto and signed by a test CA's timestamping certificate (cryptography)."""

from __future__ import annotations

import datetime
import hashlib

from asn1crypto import algos, cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from werkzeug import Request, Response

NOW = datetime.datetime(2027, 3, 1, 8, 0, tzinfo=datetime.UTC)


def _certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: str,
    signer: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - datetime.timedelta(days=365))
        .not_valid_after(NOW + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return builder.sign(signer, hashes.SHA256())


class Authority:
    def __init__(self) -> None:
        self.root_key = ec.generate_private_key(ec.SECP256R1())
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.root = _certificate("Test Root", self.root_key, "Test Root", self.root_key, ca=True)
        self.leaf = _certificate("Test TSA", self.key, "Test Root", self.root_key, ca=False)
        self.requests = 0

    def handle(self, request: Request) -> Response:
        self.requests += 1
        query = tsp.TimeStampReq.load(request.get_data())
        return Response(self.response(query).dump(), content_type="application/timestamp-reply")

    def response(self, query: tsp.TimeStampReq) -> tsp.TimeStampResp:
        info = tsp.TSTInfo(
            {
                "version": "v1",
                "policy": "1.2.3.4.1",
                "message_imprint": query["message_imprint"],
                "serial_number": self.requests,
                "gen_time": NOW,
                "nonce": query["nonce"],
            }
        )
        leaf_der = self.leaf.public_bytes(serialization.Encoding.DER)
        leaf = asn1_x509.Certificate.load(leaf_der)
        root = asn1_x509.Certificate.load(self.root.public_bytes(serialization.Encoding.DER))
        attributes = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
                cms.CMSAttribute(
                    {"type": "message_digest", "values": [hashlib.sha256(info.dump()).digest()]}
                ),
                cms.CMSAttribute(
                    {
                        "type": "signing_certificate_v2",
                        "values": [
                            tsp.SigningCertificateV2(
                                {"certs": [{"cert_hash": hashlib.sha256(leaf_der).digest()}]}
                            )
                        ],
                    }
                ),
            ]
        )
        signature = self.key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
        signer = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    {
                        "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                            {"issuer": leaf.issuer, "serial_number": leaf.serial_number}
                        )
                    }
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signed_attrs": attributes,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
                "signature": signature,
            }
        )
        signed = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": cms.EncapsulatedContentInfo(
                    {"content_type": "tst_info", "content": cms.ParsableOctetString(info.dump())}
                ),
                "certificates": [leaf, root],
                "signer_infos": [signer],
            }
        )
        return tsp.TimeStampResp(
            {
                "status": tsp.PKIStatusInfo({"status": "granted"}),
                "time_stamp_token": cms.ContentInfo(
                    {"content_type": "signed_data", "content": signed}
                ),
            }
        )
