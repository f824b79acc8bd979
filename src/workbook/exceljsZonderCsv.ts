/**
 * What exceljs's browser build gets for its CSV module (`workbook.csv`, which Opgave never uses): building it would
 * bring fast-csv and lodash into dist/. Using it says so instead of failing somewhere inside.
 */
class ZonderCsv {
  constructor() {
    throw new Error("CSV-bestanden lezen of schrijven kan de Opgave-taakvenster niet; gebruik .xlsx.");
  }
}

export = ZonderCsv;
