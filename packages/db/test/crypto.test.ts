import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  DecryptionError,
  KeyringError,
  decryptSecret,
  developmentKeyring,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKeys,
} from '../src/index.js'

const key = () => randomBytes(32).toString('base64')

describe('parseEncryptionKeys', () => {
  it('makes the first listed key the active one and keeps all for decryption', () => {
    const keyring = parseEncryptionKeys(`k2:${key()}, k1:${key()}`)
    expect(keyring.activeKeyId).toBe('k2')
    expect(Object.keys(keyring.keys)).toEqual(['k2', 'k1'])
    expect(keyring.keys.k1).toHaveLength(32)
  })

  it('reports every problem at once, naming ids and never the key material', () => {
    const short = Buffer.from('too short').toString('base64')
    const error = (() => {
      try {
        parseEncryptionKeys(`k1:${short},nocolon,k1:${key()},bad id:${key()},k3:not*base64,`)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(KeyringError)
    const problems = (error as KeyringError).problems
    expect(problems).toEqual([
      'key "k1" decodes to 9 bytes; AES-256 needs exactly 32',
      'entry 2 has no ":"; expected "<keyId>:<base64 key>"',
      'entry 4 has key id "bad id", which must be 1-32 letters, digits, "_" or "-"',
      'key "k3" is not base64',
      'entry 6 is empty (stray comma?)',
    ])
    expect((error as Error).message).not.toContain(short)
  })

  it('reports a duplicate id and an empty value', () => {
    const k = key()
    expect(() => parseEncryptionKeys(`a:${k},a:${k}`)).toThrow('key id "a" is listed twice')
    expect(() => parseEncryptionKeys('  ')).toThrow(/it is empty/)
  })

  it('accepts what generateEncryptionKey produces', () => {
    expect(parseEncryptionKeys(`k1:${generateEncryptionKey()}`).activeKeyId).toBe('k1')
  })
})

describe('encryptSecret / decryptSecret', () => {
  const keyring = parseEncryptionKeys(`k1:${key()}`)

  it('round-trips and names its key id in the stored value', () => {
    const stored = encryptSecret(keyring, 'token-ä-🙂')
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
    expect(stored).not.toContain('token')
    expect(decryptSecret(keyring, stored)).toBe('token-ä-🙂')
  })

  it('uses a fresh IV each time', () => {
    expect(encryptSecret(keyring, 'same')).not.toBe(encryptSecret(keyring, 'same'))
  })

  it('rejects a tampered ciphertext and a value relabelled to another key', () => {
    const stored = encryptSecret(keyring, 'secret-value')
    const parts = stored.split('.')
    const flipped = Buffer.from(parts[4]!, 'base64url')
    flipped[0]! ^= 1
    expect(() =>
      decryptSecret(keyring, [...parts.slice(0, 4), flipped.toString('base64url')].join('.')),
    ).toThrow(DecryptionError)
    const two = { activeKeyId: 'k1', keys: { k1: keyring.keys.k1!, k2: keyring.keys.k1! } }
    expect(() => decryptSecret(two, ['v1', 'k2', ...parts.slice(2)].join('.'))).toThrow(
      /does not authenticate/,
    )
  })

  it('says which key is missing, without the value', () => {
    const other = parseEncryptionKeys(`k9:${key()}`)
    const stored = encryptSecret(keyring, 'secret-value')
    expect(() => decryptSecret(other, stored)).toThrow(
      'The value was encrypted with key "k1", which is not in the keyring.',
    )
  })

  it('decrypts values of an older key after rotation', () => {
    const k1 = key()
    const old = parseEncryptionKeys(`k1:${k1}`)
    const rotated = parseEncryptionKeys(`k2:${key()},k1:${k1}`)
    const stored = encryptSecret(old, 'refresh')
    expect(decryptSecret(rotated, stored)).toBe('refresh')
    expect(encryptSecret(rotated, 'refresh').startsWith('v1.k2.')).toBe(true)
  })

  it('has a development keyring only on request, with a 32-byte key', () => {
    const dev = developmentKeyring()
    expect(dev.activeKeyId).toBe('dev')
    expect(dev.keys.dev).toHaveLength(32)
    expect(decryptSecret(dev, encryptSecret(dev, 'x'))).toBe('x')
  })
})
