/**
 * Ed25519 signatures on bundles: sign → verify with WebCrypto; the @noble/ed25519 fallback agrees with WebCrypto;
 * every way a signature can fail gives its own reason (missing, unreadable, untrusted key, wrong).
 */
import {
  controleerHandtekening,
  handtekeningUrl,
  leesPubliekeSleutel,
  maakSleutelpaar,
  onderteken,
  sleutelTekst,
  vanBase64,
  verifieerZonderWebCrypto,
} from "../../src/data/handtekening";

const bytes = new TextEncoder().encode('{"formaat":"opgave-bundel"}\n');

describe("handtekening", () => {
  test("a signature made with a new key verifies with its public key, and names the key", async () => {
    const { prive, publiek } = await maakSleutelpaar("Testuitgever");
    expect(prive).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const sig = await onderteken(bytes, prive);
    const uit = await controleerHandtekening(bytes, sig, [publiek]);
    expect(uit).toEqual({ ok: true, sleutel: publiek });
  });

  test("key rotation: any of several trusted keys; an untrusted key, a changed byte, junk and absence are refused", async () => {
    const a = await maakSleutelpaar("Oud");
    const b = await maakSleutelpaar("Nieuw");
    const vreemd = await maakSleutelpaar("Aanvaller");
    const sigB = await onderteken(bytes, b.prive);
    expect((await controleerHandtekening(bytes, sigB, [a.publiek, b.publiek])).ok).toBe(true);
    const sigVreemd = await onderteken(bytes, vreemd.prive);
    expect(await controleerHandtekening(bytes, sigVreemd, [a.publiek, b.publiek])).toMatchObject({
      ok: false,
      reden: "onbekende-sleutel",
    });
    const anders = bytes.slice();
    anders[3] = anders[3]! ^ 1;
    expect(await controleerHandtekening(anders, sigB, [b.publiek])).toMatchObject({
      ok: false,
      reden: "ongeldig",
    });
    expect(await controleerHandtekening(bytes, "{}", [b.publiek])).toMatchObject({
      ok: false,
      reden: "onleesbaar",
    });
    expect(await controleerHandtekening(bytes, undefined, [b.publiek])).toMatchObject({
      ok: false,
      reden: "ontbreekt",
    });
    // A key document that claims another key's id is refused when read.
    const vervalst = { ...b.publiek, sleutel: a.publiek.sleutel };
    expect(await leesPubliekeSleutel(JSON.stringify(vervalst))).toMatchObject({ ok: false });
    expect(await leesPubliekeSleutel(sleutelTekst(b.publiek))).toEqual({ ok: true, sleutel: b.publiek });
  });

  test("the fallback without WebCrypto Ed25519 (@noble/ed25519) agrees with WebCrypto", async () => {
    const { prive, publiek } = await maakSleutelpaar("Test");
    const sig = JSON.parse(await onderteken(bytes, prive)) as { handtekening: string };
    const pub = vanBase64(publiek.sleutel);
    expect(await verifieerZonderWebCrypto(pub, vanBase64(sig.handtekening), bytes)).toBe(true);
    expect(await verifieerZonderWebCrypto(pub, vanBase64(sig.handtekening), bytes.slice(1))).toBe(false);
  });

  test("the signature lives next to the bundle: same address, .sig after the path", () => {
    expect(handtekeningUrl("https://feed.example.nl/opgave/bundel.json?v=2#x")).toBe(
      "https://feed.example.nl/opgave/bundel.json.sig?v=2",
    );
  });
});
