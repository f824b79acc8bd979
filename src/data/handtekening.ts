/**
 * Publisher signatures on a bundle: Ed25519 over the exact bytes of `bundel.json`, in a detached file next to it
 * (`bundel.json.sig`, found from the bundle's URL alone: see `handtekeningUrl`). No hand-written cryptography:
 * WebCrypto's Ed25519 where the runtime has it (Node 20, Chromium ≥ 137, Safari ≥ 17), otherwise the audited
 * `@noble/ed25519` (loaded only then, for verifying; signing happens on the publisher's machine in Node).
 *
 * A public key is one small JSON document (`opgave-uitgever.pub`, and each entry of the trusted-key list in
 * manifest/vertrouwde-sleutels.json): algorithm, raw key (base64), a name, and an id derived from the key itself
 * (so an id can never point at another key). Private keys are PKCS#8 PEM, as WebCrypto exports them.
 * Never throws on untrusted input: every check returns `{ ok: false, reden, detail }`.
 */
import { z } from "zod";

export const HANDTEKENING_FORMAAT = "opgave-handtekening";
export const SLEUTEL_FORMAAT = "opgave-sleutel";
/** The signature file next to a bundle is small; anything larger is not one. */
export const MAX_HANDTEKENING_BYTES = 4096;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64");

export const PubliekeSleutelSchema = z.object({
  formaat: z.literal(SLEUTEL_FORMAAT),
  algoritme: z.literal("Ed25519"),
  /** "opgave-" + the first 16 hex digits of SHA-256 of the raw key (checked against the key on reading). */
  id: z.string().regex(/^opgave-[0-9a-f]{16}$/),
  /** Who holds the private key, shown in the pane and on the Bron sheet. */
  naam: z.string().min(1),
  /** The raw 32-byte public key, base64. */
  sleutel: base64,
  /** A development key: never trusted by the production profile. */
  ontwikkeling: z.boolean().optional(),
});
export type PubliekeSleutel = z.infer<typeof PubliekeSleutelSchema>;

export const HandtekeningSchema = z.object({
  formaat: z.literal(HANDTEKENING_FORMAAT),
  algoritme: z.literal("Ed25519"),
  /** Id of the key that signed (see PubliekeSleutel.id). */
  sleutel: z.string().min(1),
  /** The 64-byte Ed25519 signature over the bundle's exact bytes, base64. */
  handtekening: base64,
});
export type Handtekening = z.infer<typeof HandtekeningSchema>;

export type HandtekeningReden = "ontbreekt" | "onleesbaar" | "onbekende-sleutel" | "ongeldig";
export type HandtekeningUitkomst =
  { ok: true; sleutel: PubliekeSleutel } | { ok: false; reden: HandtekeningReden; detail: string };

/** Where the signature of the bundle at `bundelUrl` lives: the same address with ".sig" after the path. */
export function handtekeningUrl(bundelUrl: string | URL): string {
  const u = new URL(bundelUrl);
  u.pathname = `${u.pathname}.sig`;
  u.hash = "";
  return u.href;
}

export function naarBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function vanBase64(tekst: string): Uint8Array {
  const s = atob(tekst);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** A fresh ArrayBuffer with the bytes (WebCrypto accepts no views on shared or foreign buffers everywhere). */
function buffer(bytes: Uint8Array): ArrayBuffer {
  const kopie = new Uint8Array(bytes.byteLength);
  kopie.set(bytes);
  return kopie.buffer;
}

export async function sleutelId(raw: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", buffer(raw)));
  return `opgave-${Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The text of a public-key file (and of an entry in the trusted-key list). */
export function sleutelTekst(sleutel: PubliekeSleutel): string {
  return `${JSON.stringify(sleutel, null, 2)}\n`;
}

/**
 * A public key from text or a parsed object, checked: right shape, 32 bytes, and the id belongs to the key.
 * Returns a Dutch reason when not.
 */
export async function leesPubliekeSleutel(
  invoer: string | unknown,
): Promise<{ ok: true; sleutel: PubliekeSleutel } | { ok: false; detail: string }> {
  let json: unknown = invoer;
  if (typeof invoer === "string") {
    try {
      json = JSON.parse(invoer);
    } catch {
      return { ok: false, detail: "geen geldige JSON (verwacht een opgave-sleutel, .pub)" };
    }
  }
  const r = PubliekeSleutelSchema.safeParse(json);
  if (!r.success) return { ok: false, detail: "geen Opgave-sleutel (formaat, algoritme, id, naam, sleutel)" };
  let raw: Uint8Array;
  try {
    raw = vanBase64(r.data.sleutel);
  } catch {
    return { ok: false, detail: "de sleutel is geen geldige base64" };
  }
  if (raw.length !== 32) return { ok: false, detail: `de sleutel is ${raw.length} bytes, verwacht 32` };
  if ((await sleutelId(raw)) !== r.data.id)
    return { ok: false, detail: `de id ${r.data.id} hoort niet bij deze sleutel` };
  return { ok: true, sleutel: r.data };
}

const PEM_KOP = "-----BEGIN PRIVATE KEY-----";
const PEM_VOET = "-----END PRIVATE KEY-----";

function naarPem(pkcs8: Uint8Array): string {
  const regels = naarBase64(pkcs8).match(/.{1,64}/g) ?? [];
  return `${PEM_KOP}\n${regels.join("\n")}\n${PEM_VOET}\n`;
}

function vanPem(pem: string): Uint8Array {
  const begin = pem.indexOf(PEM_KOP);
  const eind = pem.indexOf(PEM_VOET);
  if (begin < 0 || eind < begin) throw new Error("geen PKCS#8-sleutel (BEGIN PRIVATE KEY ontbreekt)");
  return vanBase64(pem.slice(begin + PEM_KOP.length, eind).replace(/\s+/g, ""));
}

/** A new publisher key pair: the private key as PKCS#8 PEM and the public key document. */
export async function maakSleutelpaar(naam: string): Promise<{ prive: string; publiek: PubliekeSleutel }> {
  const paar = (await globalThis.crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey("raw", paar.publicKey));
  const pkcs8 = new Uint8Array(await globalThis.crypto.subtle.exportKey("pkcs8", paar.privateKey));
  return {
    prive: naarPem(pkcs8),
    publiek: {
      formaat: SLEUTEL_FORMAAT,
      algoritme: "Ed25519",
      id: await sleutelId(raw),
      naam,
      sleutel: naarBase64(raw),
    },
  };
}

/** The public key that belongs to a private key (the id in a signature is derived from it). */
async function publiekVanPrive(pem: string): Promise<{ sleutel: CryptoKey; raw: Uint8Array }> {
  const pkcs8 = vanPem(pem);
  const sleutel = await globalThis.crypto.subtle.importKey(
    "pkcs8",
    buffer(pkcs8),
    { name: "Ed25519" },
    true,
    ["sign"],
  );
  // The JWK of an Ed25519 private key carries its public half (x): no separate file needed to sign.
  const jwk = await globalThis.crypto.subtle.exportKey("jwk", sleutel);
  if (typeof jwk.x !== "string") throw new Error("de privésleutel bevat geen publieke sleutel");
  const raw = vanBase64(jwk.x.replace(/-/g, "+").replace(/_/g, "/").padEnd(44, "="));
  return { sleutel, raw };
}

/** Sign the exact bytes of a bundle; returns the text of the signature file (`bundel.json.sig`). */
export async function onderteken(bytes: Uint8Array, privePem: string): Promise<string> {
  const { sleutel, raw } = await publiekVanPrive(privePem);
  const handtekening = new Uint8Array(
    await globalThis.crypto.subtle.sign({ name: "Ed25519" }, sleutel, buffer(bytes)),
  );
  const h: Handtekening = {
    formaat: HANDTEKENING_FORMAAT,
    algoritme: "Ed25519",
    sleutel: await sleutelId(raw),
    handtekening: naarBase64(handtekening),
  };
  return `${JSON.stringify(h, null, 2)}\n`;
}

/** Does the signature file hold, for these bytes, by one of the trusted keys? */
export async function controleerHandtekening(
  bytes: Uint8Array,
  handtekeningTekst: string | undefined,
  vertrouwd: readonly PubliekeSleutel[],
): Promise<HandtekeningUitkomst> {
  if (handtekeningTekst === undefined || handtekeningTekst.trim() === "")
    return { ok: false, reden: "ontbreekt", detail: "geen handtekening gevonden" };
  let h: Handtekening;
  try {
    h = HandtekeningSchema.parse(JSON.parse(handtekeningTekst));
  } catch {
    return { ok: false, reden: "onleesbaar", detail: "het handtekeningbestand is geen Opgave-handtekening" };
  }
  const sleutel = vertrouwd.find((s) => s.id === h.sleutel);
  if (!sleutel)
    return {
      ok: false,
      reden: "onbekende-sleutel",
      detail: `ondertekend met sleutel ${h.sleutel}, die niet tot de vertrouwde sleutels behoort`,
    };
  let geldig: boolean;
  try {
    geldig = await verifieer(vanBase64(sleutel.sleutel), vanBase64(h.handtekening), bytes);
  } catch {
    geldig = false;
  }
  return geldig
    ? { ok: true, sleutel }
    : {
        ok: false,
        reden: "ongeldig",
        detail: `de handtekening van sleutel ${h.sleutel} klopt niet bij deze inhoud`,
      };
}

/** Ed25519 verification: WebCrypto, or @noble/ed25519 where WebCrypto lacks Ed25519. */
async function verifieer(publiek: Uint8Array, handtekening: Uint8Array, bytes: Uint8Array): Promise<boolean> {
  if (publiek.length !== 32 || handtekening.length !== 64) return false;
  let sleutel: CryptoKey | undefined;
  try {
    sleutel = await globalThis.crypto.subtle.importKey("raw", buffer(publiek), { name: "Ed25519" }, false, [
      "verify",
    ]);
  } catch {
    sleutel = undefined; // no Ed25519 in this runtime's WebCrypto
  }
  if (sleutel)
    return globalThis.crypto.subtle.verify({ name: "Ed25519" }, sleutel, buffer(handtekening), buffer(bytes));
  return verifieerZonderWebCrypto(publiek, handtekening, bytes);
}

/** The fallback, exported for the test that proves it agrees with WebCrypto. */
export async function verifieerZonderWebCrypto(
  publiek: Uint8Array,
  handtekening: Uint8Array,
  bytes: Uint8Array,
): Promise<boolean> {
  const ed = await import(/* webpackChunkName: "ed25519" */ "@noble/ed25519");
  return ed.verifyAsync(handtekening, bytes, publiek);
}
