import { UserError } from '../errors.js';

/** The state store (or a file it migrates) cannot be opened, read or written. */
export class StateStoreError extends UserError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`state store ${path} ${detail}: check that DATA_DIR is a writable folder with free space, or set DATA_DIR to another folder`);
  }
}

/** The state store on disk was written in a format this version of the bot does not read. */
export class StateFormatError extends UserError {
  constructor(
    readonly path: string,
    readonly found: unknown,
    readonly expected: number,
  ) {
    super(
      `state store ${path} has format version ${found === undefined ? '(none)' : JSON.stringify(found)}, but this bot reads version ` +
        `${expected}: ` +
        "run the bot version that wrote it, or move the file aside (it holds the users' /lang choices and conversations) or set DATA_DIR " +
        'to another folder to start afresh',
    );
  }
}

/** The sessions.json of an earlier version cannot be migrated. */
export class LegacySessionsError extends UserError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} ${detail}: fix it, or rename it to start without the /lang choices it holds`);
  }
}
