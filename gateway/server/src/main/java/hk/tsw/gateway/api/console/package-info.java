/**
 * The browser console at {@code /console/} (issue 14; docs/CONSOLE.md): sessions, CSRF, login throttling and the
 * pages, rendered by Thymeleaf templates from the class path. It reads and acts only through the API's own REST
 * routes and their access gate ({@code api.access}), so a page shows a user no more than the API would; the store is
 * used directly only for the dashboard's figures and the changed console passwords. An entry point: it may use every
 * stage, and no stage uses it.
 */
package hk.tsw.gateway.api.console;
