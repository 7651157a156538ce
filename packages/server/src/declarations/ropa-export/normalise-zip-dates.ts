const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS date and time (2-second resolution, no zone), as zip entries store them; read in UTC. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Sets the modification date of every entry of a zip archive (an .xlsx file) to `date`, in the central directory and
 * in each local header, so the same input always gives the same bytes: the zip library stamps entries with the
 * current time. Returns the buffer, changed in place. Throws when the buffer is not a zip archive it understands.
 */
export function normaliseZipDates(zip: Buffer, date: Date): Buffer {
  const dos = dosDateTime(date);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('normaliseZipDates: no end of central directory record; the buffer is not a zip archive.');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error(`normaliseZipDates: central directory entry ${n} is malformed.`);
    zip.writeUInt16LE(dos.time, p + 12);
    zip.writeUInt16LE(dos.date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`normaliseZipDates: local header of entry ${n} is malformed.`);
    zip.writeUInt16LE(dos.time, local + 10);
    zip.writeUInt16LE(dos.date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
