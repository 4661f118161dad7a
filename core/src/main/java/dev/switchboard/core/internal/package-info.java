/**
 * Internal use only: helpers shared by Switchboard's own modules. Not a published API; it may change
 * in any release. Core's public types never mention these classes.
 */
package dev.switchboard.core.internal;
