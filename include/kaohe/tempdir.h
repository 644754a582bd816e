/*
 * tempdir.h — a private scratch folder for a bundle on its way between
 * forms: the web's zip and workbook uploads and downloads, and `kaohe
 * sample --xlsx`, which writes a bundle folder and turns it into a workbook.
 *
 * The folder is made by mkdtemp (mode 0700, a fresh name) under $TMPDIR, or
 * /tmp when it is unset or empty.  A bundle folder is flat, so removal
 * deletes the regular files directly in the folder and then the folder; a
 * subfolder (which nothing here creates) makes the rmdir fail and is left.
 */
#ifndef KAOHE_TEMPDIR_H
#define KAOHE_TEMPDIR_H

/* A new private folder "<TMPDIR>/<prefix>.XXXXXX"; the caller frees the
 * returned path (after kh_temp_dir_remove).  NULL with errno set on failure. */
char *kh_temp_dir_make(const char *prefix);

/* Remove dir's files and dir itself; errors are ignored (best effort). */
void kh_temp_dir_remove(const char *dir);

#endif
