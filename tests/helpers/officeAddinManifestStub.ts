/**
 * office-addin-mock only needs the OfficeApp enum from office-addin-manifest, whose full import fails under
 * jest (an ESM-only dependency deep below it). jest.config.js maps the package to this stub.
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
