/*
 * assets.h — the static files embedded at build time (cmake/embed-assets.cmake).
 */
#ifndef KAOHE_HTTP_ASSETS_H
#define KAOHE_HTTP_ASSETS_H

struct kh__asset_file {
    const char *name;               /* "app.css"; NULL ends the table */
    const unsigned char *start, *end;
};
extern const struct kh__asset_file kh__assets[];

#endif
