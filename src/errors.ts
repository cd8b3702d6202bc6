/** Base class of the errors a user can fix: the CLI prints their message on one line, without a stack. */
export class UserError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The index folder is missing, unreadable, corrupt, stale or built differently from what the config asks. */
export class IndexError extends UserError {
  constructor(
    readonly kind: 'missing' | 'corrupt' | 'stale' | 'mismatch',
    readonly dir: string,
    /** What is wrong, without the fix: "was built from another version of the corpus". */
    readonly detail: string,
  ) {
    super(`index at ${dir} ${detail}: run \`npm run build:index\`${dir.endsWith('index/article') ? '' : ` with INDEX_DIR=${dir}`}`);
  }
}

/** A question the retrieval cannot take (empty, no words, too long). */
export class QuestionError extends UserError {
  constructor(
    readonly kind: 'empty' | 'no-words' | 'too-long',
    message: string,
  ) {
    super(message);
  }
}

/** A configured path the program will not use: it holds someone else's files, is a file, or is read-only. */
export class PathError extends UserError {
  constructor(
    /** The setting that named the path: INDEX_DIR, DATA_DIR. */
    readonly variable: string,
    readonly path: string,
    /** What is wrong: "holds files that are not a search index (README.md)". */
    readonly detail: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`${variable} ${path} ${detail}: ${fix}`);
  }
}
