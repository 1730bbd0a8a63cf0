/** Startup and shutdown of the web application: builds the receiver's parts once and shares them. */
package com.contactcenter.reports.startup;
