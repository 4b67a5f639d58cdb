// edtf.js ships no types; this declares the part Dealmap uses.
declare module "edtf" {
  interface EdtfValue {
    /** Earliest instant (ms since epoch, UTC); -Infinity for an open start. */
    min: number;
    /** Latest instant; Infinity for an open end. */
    max: number;
    type: string;
  }
  export default function edtf(value: string): EdtfValue;
}
