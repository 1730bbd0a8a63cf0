/** The receiver's settings, read from the container once at startup and validated there. */
package com.contactcenter.reports.config;
