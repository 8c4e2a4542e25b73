/**
 * How RealMls values wrap ts-mls ones, and the error text it reports.
 *
 * Wires carry the ts-mls MLSMessage object itself, so receivers never decode (RFC 9420 §6 framing
 * is still computed once, for `bytes`). States, identities and KeyPackages carry ts-mls objects as
 * `native`; nothing here mutates them, so an old reference stays a valid snapshot.
 */
import { encodeMlsMessage, type ClientState, type KeyPackage as TsKeyPackage, type MLSMessage, type PrivateKeyPackage } from 'ts-mls'
import type { GroupState, KeyPackage, Wire } from '../types.js'

export interface SigKeys { readonly signKey: Uint8Array; readonly publicKey: Uint8Array }
export interface KpNative { readonly publicPackage: TsKeyPackage; readonly privatePackage: PrivateKeyPackage }

export const te = new TextEncoder()
export const td = new TextDecoder()
export const clientState = (s: GroupState) => s.native as ClientState
export const group = (native: ClientState): GroupState => ({ native })
export const kpOf = (kp: KeyPackage) => kp.native as KpNative
export const keysOf = (x: { readonly native: unknown }) => x.native as SigKeys
export const basic = (identity: string) => ({ credentialType: 'basic' as const, identity: te.encode(identity) })

export const makeWire = (kind: Wire['kind'], msg: MLSMessage): Wire => ({ kind, bytes: encodeMlsMessage(msg).length, native: msg })

export function messageOf(w: Wire): MLSMessage {
  return w.native as MLSMessage
}

export function groupInfoOf(w: Wire) {
  const msg = messageOf(w)
  if (msg.wireformat !== 'mls_group_info') throw new Error(`expected a GroupInfo wire, got ${w.kind}`)
  return msg.groupInfo
}

/** The exact text the simulator shows users: the engine's own error class and message, unparaphrased. */
export const engineText = (err: unknown) => (err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err))

export const hex8 = (bytes: Uint8Array): string => {
  let out = ''
  for (let i = 0; i < 8; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0')
  return out
}
