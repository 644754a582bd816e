/*
 * store-int.h — internals shared by the files of src/store/ (kh__ prefix).
 */
#ifndef KAOHE_STORE_INT_H
#define KAOHE_STORE_INT_H

#include <stddef.h>
#include "kaohe/store.h"

/* Migration 1: identical DDL on both backends (store-schema.c). */
extern const char kh__schema_v1[];

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out (>= 21 bytes).  The
 * environment variable KAOHE_NOW overrides it (tests of appeal deadlines). */
void kh__store_now(char out[32]);

/* Next id of a table: max(col)+1 as decimal text, inside the transaction. */
int kh__store_next_id(struct kh_store *s, const char *table, const char *col, char out[24],
                      struct kh_error *err);

#endif
