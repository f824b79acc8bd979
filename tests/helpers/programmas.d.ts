/** Types of ./programmas.js (plain CommonJS: jest.config.js loads it before any transform). */
declare function controleerProgrammas(): Promise<void>;
declare namespace controleerProgrammas {
  function vindChromium(): string | undefined;
  function vindSoffice(): string | undefined;
  function vindPoppler(): string | undefined;
  function ontbrekend(): { naam: string }[];
}
export = controleerProgrammas;
