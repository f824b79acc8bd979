export * from "./fakeExcel/index";
