/**
 * src/taskpane/werkerLezen.ts: every way a read in the worker ends gives the list an answer — the worker's
 * Aanlevering, its error (the worker then broken), a time-out for a worker that got stuck (the file refused with
 * the reason, the worker broken, so a new one reads the next file), and GeenWerker for a worker that never started.
 * A stand-in Worker (an EventTarget) and jest's fake timers; the real worker runs in consolidatie.e2e.test.ts.
 */
import type { Aanlevering } from "../../src/domain/consolideren";
import type { LeesAntwoord, LeesVraag } from "../../src/taskpane/leesWerker";
import {
  GeenWerker,
  leesInWerker,
  leesTijdslimiet,
  werkerVan,
  type WerkerPoort,
} from "../../src/taskpane/werkerLezen";

/** A worker that records the questions and answers only when told to. */
class NepWorker extends EventTarget implements WerkerPoort {
  readonly vragen: LeesVraag[] = [];
  beeindigd = false;
  postMessage(vraag: LeesVraag): void {
    this.vragen.push(vraag);
  }
  terminate(): void {
    this.beeindigd = true;
  }
  antwoord(a: LeesAntwoord): void {
    this.dispatchEvent(new MessageEvent("message", { data: a }));
  }
  luisteraars = 0;
  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    this.luisteraars++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    this.luisteraars--;
    super.removeEventListener(...args);
  }
}

const aanlevering = { bestand: "a.xlsx", bruikbaar: true } as unknown as Aanlevering;

function gestart(): { nep: NepWorker; w: ReturnType<typeof werkerVan> } {
  const nep = new NepWorker();
  const w = werkerVan(nep);
  nep.antwoord({ soort: "gereed" });
  return { nep, w };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("the time limit: two minutes plus twenty seconds per MB begun", () => {
  expect(leesTijdslimiet(0)).toBe(120_000);
  expect(leesTijdslimiet(30_000)).toBe(140_000);
  expect(leesTijdslimiet(3 * 1_048_576 + 1)).toBe(200_000);
});

test("the worker's answer for this file; its listeners and timer are gone after", async () => {
  const { nep, w } = gestart();
  const bezig = leesInWerker(w, "a.xlsx", new ArrayBuffer(10));
  expect(nep.vragen.map((v) => [v.id, v.naam])).toEqual([[1, "a.xlsx"]]);
  nep.antwoord({
    soort: "gelezen",
    id: 99,
    aanlevering: { ...aanlevering, bestand: "ander" },
  } as LeesAntwoord);
  nep.antwoord({ soort: "gelezen", id: 1, aanlevering } as LeesAntwoord);
  await expect(bezig).resolves.toBe(aanlevering);
  expect(nep.luisteraars).toBe(1); // only the `gereed` listener of werkerVan
  expect(jest.getTimerCount()).toBe(0);
  expect(w.kapot).toBe(false);
});

test("a worker that never answers: after the limit the file is refused with the reason, the worker broken", async () => {
  const { nep, w } = gestart();
  const bezig = leesInWerker(w, "vast.xlsx", new ArrayBuffer(2 * 1_048_576));
  jest.advanceTimersByTime(leesTijdslimiet(2 * 1_048_576) - 1);
  let klaar = false;
  void bezig.then(() => (klaar = true));
  await Promise.resolve();
  expect(klaar).toBe(false);
  jest.advanceTimersByTime(1);
  const a = await bezig;
  expect(a.bruikbaar).toBe(false);
  expect(a.problemen[0]?.melding).toContain("langer dan 160 seconden");
  expect(w.kapot).toBe(true);
  expect(nep.luisteraars).toBe(1);
  // A late answer changes nothing.
  nep.antwoord({ soort: "gelezen", id: 1, aanlevering } as LeesAntwoord);
  await expect(bezig).resolves.toBe(a);
});

test("an error in a running worker: this file refused, the worker broken; before it started: GeenWerker", async () => {
  const { nep, w } = gestart();
  const bezig = leesInWerker(w, "a.xlsx", new ArrayBuffer(1));
  nep.dispatchEvent(new Event("error", { cancelable: true }));
  const a = await bezig;
  expect(a.problemen[0]?.melding).toContain("onverwacht afgebroken");
  expect(w.kapot).toBe(true);

  const nooit = werkerVan(new NepWorker());
  const ook = leesInWerker(nooit, "b.xlsx", new ArrayBuffer(1));
  jest.advanceTimersByTime(leesTijdslimiet(1));
  await expect(ook).rejects.toBeInstanceOf(GeenWerker);
});
