import { describe, expect, it } from 'vitest';
import { CryptoKey, ErrorCode, GodotError, TLSMode, TLSOptions, X509Certificate, formatPem, parsePem } from '../../src/index.js';

// A throwaway self-signed P-256 certificate (CN=fixture) and its key, made with openssl.
const CERT = `-----BEGIN CERTIFICATE-----
MIIBeTCCAR+gAwIBAgIUCSsPqCpAZcNcHtRFdU8WhartBTowCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHZml4dHVyZTAeFw0yNjEyMDEwOTI4MzNaFw0zNjExMjgwOTI4
MzNaMBIxEDAOBgNVBAMMB2ZpeHR1cmUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AAS8vbf+w3ttdn9o/RPLc94y/cPrXxsvSjTyKMnFeiC78v/VdCtK5uoLD73HsLVJ
D4gMGTPyeYTjr09KEFwzuatFo1MwUTAdBgNVHQ4EFgQUuzO0iVvvOJlWSEVbdsWq
J1WJnMgwHwYDVR0jBBgwFoAUuzO0iVvvOJlWSEVbdsWqJ1WJnMgwDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBZSpwFxfFTEtNJsFO2xykzH1Z+UNEk
DStjsOzpZqEz4gIhAJxCS7eQDiOIHqj8qyrNy9K4y/btRvHdBKTbJ6SCnJvF
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRbAQ1GHBXbU+arNh
yw36Z/1FS1eMp1E6pYV+FUqpo46hRANCAAS8vbf+w3ttdn9o/RPLc94y/cPrXxsv
SjTyKMnFeiC78v/VdCtK5uoLD73HsLVJD4gMGTPyeYTjr09KEFwzuatF
-----END PRIVATE KEY-----
`;
const PUBLIC = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvL23/sN7bXZ/aP0Ty3PeMv3D618b
L0o08ijJxXogu/L/1XQrSubqCw+9x7C1SQ+IDBkz8nmE469PShBcM7mrRQ==
-----END PUBLIC KEY-----
`;

describe('PEM', () => {
  it('parses blocks and formats them back byte for byte', () => {
    const blocks = parsePem(`junk before\n${CERT}middle\n${KEY}`);
    expect(blocks?.map((block) => block.label)).toEqual(['CERTIFICATE', 'PRIVATE KEY']);
    expect(blocks?.[0]?.der[0]).toBe(0x30);
    expect(formatPem('CERTIFICATE', blocks![0]!.der)).toBe(CERT);
  });

  it('refuses bad base64, a BEGIN without END and empty bodies', () => {
    expect(parsePem(CERT.replace('MIIB', 'M!IB'))).toBeNull();
    expect(parsePem(CERT.replace('-----END CERTIFICATE-----', ''))).toBeNull();
    expect(parsePem('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----')).toBeNull();
    expect(parsePem('no pem here')).toEqual([]);
  });
});

describe('X509Certificate', () => {
  it('loads and saves a chain like Godot', () => {
    const chain = new X509Certificate();
    expect(chain.loadFromString(CERT + CERT)).toBe(ErrorCode.OK);
    expect(chain.count).toBe(2);
    expect(chain.saveToString()).toBe(CERT + CERT);
    expect(X509Certificate.fromDer(...chain.toDer()).saveToString()).toBe(CERT + CERT);
  });

  it('returns FAILED for text without a certificate and keeps what it had', () => {
    const certificate = X509Certificate.fromString(CERT);
    expect(certificate.loadFromString(KEY)).toBe(ErrorCode.FAILED);
    expect(certificate.loadFromString('garbage')).toBe(ErrorCode.FAILED);
    expect(certificate.saveToString()).toBe(CERT);
    expect(() => X509Certificate.fromString(KEY)).toThrow(GodotError);
  });
});

describe('CryptoKey', () => {
  it('loads private and public keys', () => {
    const key = CryptoKey.fromString(KEY);
    expect(key.isPublicOnly()).toBe(false);
    expect(key.saveToString()).toBe(KEY);
    expect(key.saveToString(true)).toBe('');
    const pub = CryptoKey.fromString(PUBLIC, true);
    expect(pub.isPublicOnly()).toBe(true);
    expect(pub.saveToString(true)).toBe(PUBLIC);
  });

  it('refuses the wrong kind of block', () => {
    const key = new CryptoKey();
    expect(key.loadFromString(PUBLIC)).toBe(ErrorCode.FAILED);
    expect(key.loadFromString(KEY, true)).toBe(ErrorCode.FAILED);
    expect(key.loadFromString(CERT)).toBe(ErrorCode.FAILED);
    expect(key.loaded).toBe(false);
  });
});

describe('TLSOptions', () => {
  it('has Godot three constructors and getters', () => {
    const client = TLSOptions.client(CERT, 'example.com');
    expect(client.mode).toBe(TLSMode.CLIENT);
    expect(client.isServer()).toBe(false);
    expect(client.isUnsafeClient()).toBe(false);
    expect(client.getCommonNameOverride()).toBe('example.com');
    expect(client.getTrustedCaChain()?.saveToString()).toBe(CERT);
    expect(TLSOptions.client().getTrustedCaChain()).toBeNull();

    const unsafe = TLSOptions.clientUnsafe();
    expect(unsafe.isUnsafeClient()).toBe(true);
    expect(unsafe.getTrustedCaChain()).toBeNull();

    const server = TLSOptions.server(KEY, X509Certificate.fromString(CERT));
    expect(server.isServer()).toBe(true);
    expect(server.getPrivateKey()?.saveToString()).toBe(KEY);
    expect(server.getOwnCertificate()?.count).toBe(1);
  });

  it('throws FAILED for PEM text that holds no certificate or key', () => {
    expect(() => TLSOptions.client('nope')).toThrow(GodotError);
    expect(() => TLSOptions.server(CERT, CERT)).toThrow(GodotError);
  });
});
