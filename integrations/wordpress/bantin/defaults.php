<?php
/**
 * The portal address this copy of the plugin starts with.
 *
 * Used only while the bantin_portal option has never been saved. The portal's
 * build replaces this file in the zip it serves with one returning its own
 * address, e.g. `return 'https://cong.example.vn/tin-tuc/';`. An empty string
 * means "no preset": the site administrator enters the address in Settings.
 *
 * @package Bantin
 */

return '';
