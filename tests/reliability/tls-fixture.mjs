// A self-signed certificate for the name wrong.example (valid 2000–2099, EC P-256), for the
// TLS cases of defects-data.test.mjs (issue 10, item 9). Test material only: it protects
// nothing. Untrusted, it fails as self-signed; trusted (NODE_EXTRA_CA_CERTS), a connection to
// 127.0.0.1 fails on the name.
export const TLS_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIIvHCrF/5LYYGK7jGXxlVUaU7YaiZnAPfgQyrE2h+FqpoAoGCCqGSM49
AwEHoUQDQgAE+lKUI7yDuVfmj8I4rPs2Dfiwt7zRtcbk5e9heH8m5nlUSnFIiFxb
lr1azBOVQ4KH3DrN34Vbg1GOc6aYL3bMxw==
-----END EC PRIVATE KEY-----
`;

export const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBkTCCATigAwIBAgIBATAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA13cm9uZy5l
eGFtcGxlMCAXDTAwMDEwMTAwMDAwMFoYDzIwOTkxMjMxMDAwMDAwWjAYMRYwFAYD
VQQDDA13cm9uZy5leGFtcGxlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE+lKU
I7yDuVfmj8I4rPs2Dfiwt7zRtcbk5e9heH8m5nlUSnFIiFxblr1azBOVQ4KH3DrN
34Vbg1GOc6aYL3bMx6NxMG8wGAYDVR0RBBEwD4INd3JvbmcuZXhhbXBsZTAPBgNV
HRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIChDATBgNVHSUEDDAKBggrBgEFBQcD
ATAdBgNVHQ4EFgQUtA5CbZd3KnQnzfgytE3OXejpPhYwCgYIKoZIzj0EAwIDRwAw
RAIgQ8XSHenM+VifMPh1HlyrzNXlovMmtt3W//JNhePPvXICICoilc7UgUqShJ2r
H9r87M2jOCLhtCTevywkNHJ/78pU
-----END CERTIFICATE-----
`;
