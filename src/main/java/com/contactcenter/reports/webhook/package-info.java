/** The Gupshup webhook: its path, its authentication filter, its servlet and the wire format it parses. */
package com.contactcenter.reports.webhook;
