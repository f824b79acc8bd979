/**
 * `opgave bundel haal URL`: exactly the pane's logic (BundelBeheer: start from the cache, fetch, check, offer,
 * adopt) from the command line — to mirror or pre-load a feed (`--cache MAP` is also a servable copy) and to test
 * one. The pane asks before adopting; here the call itself is the consent. Exit 0 when the bundle in use
 * afterwards is the newest good one (also when nothing changed), 1 with the Dutch reason when one is refused.
 */
import { BundelBeheer, type Kandidaat, type Status } from "../data/bundelBeheer";
import { standaardDataset } from "../data/embedded";
import type { PubliekeSleutel } from "../data/handtekening";
import { geheugenOpslag } from "../data/opslag";
import { feedBerichten as fb } from "../data/berichten";
import { bestandOpslag } from "./bestandOpslag";
import type { Uitvoer } from "./main";

export interface HaalVraag {
  url: string;
  cache?: string;
  vertrouwd: readonly PubliekeSleutel[];
  /** The tests' clock; the real one otherwise. */
  nu?: () => Date;
}

function statusRegel(s: Status): string {
  return fb.inGebruik(s.versie, s.datum, s.bron, s.sleutel?.naam, s.sleutel?.id);
}

function toonKandidaat(k: Kandidaat, uit: Uitvoer): void {
  const o = k.overzicht;
  uit.out(fb.kandidaatKop(k.bundel.dataset.versie, k.bundel.uitgever, k.sleutel.naam, k.sleutel.id));
  uit.out(fb.kandidaatAantallen(o.aantal, o.gewijzigd, o.perioden, o.besluiten));
  for (const v of o.grootste) uit.out(`  ${v.wie}, ${v.onderwerp}: ${v.oud ?? "–"} → ${v.nieuw ?? "–"}`);
}

export async function bundelHaal(vraag: HaalVraag, uit: Uitvoer): Promise<number> {
  const beheer = new BundelBeheer({
    opslag: vraag.cache !== undefined ? bestandOpslag(vraag.cache) : geheugenOpslag(),
    ingebouwd: standaardDataset(),
    vertrouwd: vraag.vertrouwd,
    ...(vraag.nu ? { nu: vraag.nu } : {}),
  });
  const begin = await beheer.start();
  if (begin.melding) uit.err(begin.melding);
  const r = await beheer.ververs(vraag.url);
  if (r.uitkomst.soort === "fout") {
    uit.err(r.uitkomst.bericht);
    for (const d of r.uitkomst.details ?? []) uit.err(`  ${d}`);
    uit.out(statusRegel(r.status));
    return 1;
  }
  if (!r.kandidaat) {
    uit.out(r.status.melding ?? "");
    uit.out(statusRegel(r.status));
    return 0;
  }
  toonKandidaat(r.kandidaat, uit);
  const over = await beheer.neemOver(r.kandidaat);
  if (!over.ok) {
    uit.err(over.status.melding ?? "");
    return 1;
  }
  uit.out(over.status.melding ?? "");
  uit.out(statusRegel(over.status));
  return 0;
}
