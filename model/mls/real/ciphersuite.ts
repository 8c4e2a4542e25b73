/**
 * The deterministic MLS ciphersuite, capabilities and client configuration of RealMls.
 *
 * Models RFC 9420 suite 1 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519, the mandatory-to-implement
 * suite) on ts-mls 1.6.4's noble provider, with every random draw redirected to the engine's DRBG
 * (see /work/shared/spec/ts-mls-notes.md §3): `rng`, HPKE key generation, the HPKE encapsulation
 * inside `seal`/`exportSecret` (through @hpke/core's `ekm` test hook) and Ed25519 key generation.
 * Ed25519 signing and AES-GCM are deterministic already.
 *
 * Simplified: one suite only; capabilities are written out (never `defaultCapabilities()`, which
 * draws GREASE values from the global random generator); lifetimes are ts-mls's constant 0..2^63 and never checked (the model has no clock).
 * Determinism assumption: within one ts-mls call, concurrent branches (Promise.all over path and
 * Welcome recipients) reach `seal` after awaiting only in-memory key imports, so they draw from the
 * DRBG in microtask order, which JavaScript fixes.
 */
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core'
import { ed25519 } from '@noble/curves/ed25519.js'
import {
  defaultKeyPackageEqualityConfig,
  defaultKeyRetentionConfig,
  defaultLifetimeConfig,
  defaultPaddingConfig,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  nobleCryptoProvider,
  type AuthenticationService,
  type Capabilities,
  type CiphersuiteImpl,
  type ClientConfig,
  type Credential,
} from 'ts-mls'
import { parseMimiUri } from '../../ids.js'
import type { Drbg } from './drbg.js'

export const SUITE = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519' as const
/** Private-use GroupContext extension carrying the room-context payload (UTF-8 bytes). */
export const ROOM_CONTEXT_EXT = 0xf0dd

/** Default extension types (external_senders, required_capabilities) need not be listed (RFC 9420 §7.2). */
export const CAPABILITIES: Capabilities = {
  versions: ['mls10'],
  ciphersuites: [SUITE],
  extensions: [ROOM_CONTEXT_EXT],
  proposals: [],
  credentials: ['basic'],
}

const td = new TextDecoder()

/**
 * ts-mls's AuthenticationService sees a credential without saying whether it belongs to a leaf or an
 * external sender, so it accepts either URI kind; the engine's change mapping then insists that leaves
 * be client URIs and external senders provider URIs.
 */
const mimiAuthService: AuthenticationService = {
  async validateCredential(credential: Credential): Promise<boolean> {
    if (credential.credentialType !== 'basic') return false
    const kind = parseMimiUri(td.decode(credential.identity)).kind
    return kind === 'client' || kind === 'provider'
  },
}

export const CLIENT_CONFIG: ClientConfig = {
  keyRetentionConfig: defaultKeyRetentionConfig,
  lifetimeConfig: defaultLifetimeConfig,
  keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
  paddingConfig: defaultPaddingConfig,
  authService: mimiAuthService,
}

// The base impl holds no randomness of its own once overridden, so all engines share it.
let base: Promise<CiphersuiteImpl> | undefined
const hpkeSuite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() })

export async function deterministicSuite(rng: Drbg): Promise<CiphersuiteImpl> {
  base ??= getCiphersuiteImpl(getCiphersuiteFromName(SUITE), nobleCryptoProvider)
  const b = await base
  return {
    ...b,
    rng,
    hpke: {
      ...b.hpke,
      generateKeyPair: () => b.hpke.deriveKeyPair(rng.randomBytes(32)),
      async seal(publicKey, plaintext, info, aad) {
        const ekm = rng.randomBytes(32) // drawn before any await: call order, not completion order
        const r = await hpkeSuite.seal({ recipientPublicKey: publicKey, info, ekm }, plaintext, aad ?? new Uint8Array(0))
        return { ct: new Uint8Array(r.ct), enc: new Uint8Array(r.enc) }
      },
      async exportSecret(publicKey, exporterContext, length, info) {
        const ekm = rng.randomBytes(32)
        const ctx = await hpkeSuite.createSenderContext({ recipientPublicKey: publicKey, info, ekm })
        return { enc: new Uint8Array(ctx.enc), secret: new Uint8Array(await ctx.export(exporterContext, length)) }
      },
    },
    signature: {
      ...b.signature,
      async keygen() {
        const signKey = rng.randomBytes(32) // a raw Ed25519 seed; ts-mls's signer accepts raw keys
        return { signKey, publicKey: ed25519.getPublicKey(signKey) }
      },
    },
  }
}
