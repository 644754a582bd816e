/*
 * zipdir.h — a bundle folder as one zip file and back (libzip), for the
 * web: an office downloads a cycle as one file and uploads one.
 *
 * Only what a bundle is: regular files directly in the folder (no
 * subfolders, no links).  Unpacking is defensive, because the archive
 * comes from a browser: an entry whose name has a directory part, "..",
 * a leading "/" or a backslash, or that is not a .csv file, is refused
 * (KH_EINVAL naming it) rather than skipped, so nothing lands outside the
 * target folder and nothing is silently dropped; at most 64 entries and
 * 1 GiB unpacked in all (KH_ETOOBIG).  A folder-in-the-zip as Windows'
 * "send to compressed folder" makes ("2024/units.csv") is accepted when
 * every entry shares that one top folder.
 */
#ifndef KAOHE_ZIPDIR_H
#define KAOHE_ZIPDIR_H

#include <stddef.h>

struct kh_buf;
struct kh_error;

/* The regular files of dir, by name, as a zip archive appended to out. */
int kh_zip_dir(const char *dir, struct kh_buf *out, struct kh_error *err);
/* Unpack the zip archive data[0..len) into the existing folder dir. */
int kh_unzip_dir(const void *data, size_t len, const char *dir, struct kh_error *err);

#endif
