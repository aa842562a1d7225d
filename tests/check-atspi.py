#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader is told, over the real accessibility bus (AT-SPI).

Runs the program on the sample data under its own session bus (run it with
xvfb-run and dbus-run-session), goes to each page with Alt+1 … Alt+0, and
fails when a control a person operates has no name, is named after a widget
class ("GtkToggleButton") or with a mnemonic ("_Save"), or when a table's
row or cell is named after its class.  Also: only the page shown is in the
tree, the focus lands on a named control after each key, and a picker opened
with Space lists named rows.

usage: check-atspi.py JIEBANG SAMPLE.xml
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

CONTROLS = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX, Atspi.Role.RADIO_BUTTON,
    Atspi.Role.COMBO_BOX, Atspi.Role.ENTRY, Atspi.Role.TEXT, Atspi.Role.PASSWORD_TEXT,
    Atspi.Role.SPIN_BUTTON, Atspi.Role.MENU_ITEM, Atspi.Role.CHECK_MENU_ITEM,
    Atspi.Role.PAGE_TAB, Atspi.Role.LINK, Atspi.Role.TABLE_ROW, Atspi.Role.LIST_ITEM,
}
PARTS = {Atspi.Role.TABLE_CELL, Atspi.Role.COLUMN_HEADER}
CLASS_NAME = re.compile(r'^(Gtk|Jb|Gdk)[A-Z][A-Za-z]*$')
# Rows of a table checked: all are made alike.
ROWS = 5

faults = []
checked = 0


def fail(where, what):
    faults.append('%s: %s' % (where, what))


def check(obj, page, depth=0, rows_seen=None):
    global checked
    try:
        role = obj.get_role()
        name = obj.get_name() or ''
    except GLib.Error as e:
        fail(page, 'unreadable object: %s' % e.message)
        return
    if role in CONTROLS or role in PARTS:
        checked += 1
        where = '%s: %s' % (page, obj.get_role_name())
        states = obj.get_state_set()
        # A list item that is only a place (a list of figures' row holds its
        # name) or an empty cell may have no name; a focusable one may not.
        needs_name = role in CONTROLS and (role != Atspi.Role.LIST_ITEM or
                                           states.contains(Atspi.StateType.FOCUSABLE))
        if needs_name and not name.strip():
            fail(where, 'no name')
        if CLASS_NAME.match(name):
            fail(where, 'named after its class: %s' % name)
        if role in CONTROLS and '_' in name:
            fail(where, 'a mnemonic in its name: %s' % name)
    if role == Atspi.Role.TABLE_ROW:
        rows_seen[0] += 1
        if rows_seen[0] > ROWS:
            return
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            check(child, page, depth + 1, rows_seen)


def count(obj, role):
    n = 1 if obj.get_role() == role else 0
    if role == Atspi.Role.TREE_TABLE and n:
        return n  # not into its rows
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            n += count(child, role)
    return n


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and 'jiebang' in (app.get_name() or ''):
            return app
    return None


def find_frame(app):
    for i in range(app.get_child_count()):
        child = app.get_child_at_index(i)
        if child is not None and child.get_role() == Atspi.Role.FRAME:
            return child
    return None


focused = [None]


def on_focus(event):
    if event.detail1:
        focused[0] = event.source


# X keysyms, and the modifier masks held with them.
KEYSYMS = {'F6': 0xffc3, 'Tab': 0xff09, 'space': 0x20, 'Escape': 0xff1b}
ALT = 1 << 3  # Mod1


def key(name, mods=0):
    """Presses a key as a screen reader's keyboard commands do (AT-SPI)."""
    keysym = KEYSYMS.get(name, ord(name[0]))
    if mods:
        Atspi.generate_keyboard_event(mods, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if mods:
        Atspi.generate_keyboard_event(mods, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def settle(seconds=0.4):
    """Lets the program handle what was sent and the events come back."""
    end = time.monotonic() + seconds
    context = GLib.MainContext.default()
    while time.monotonic() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def find_focused(obj, rows_seen):
    """The focused object below obj (a table's first rows only)."""
    if obj.get_state_set().contains(Atspi.StateType.FOCUSED):
        return obj
    if obj.get_role() == Atspi.Role.TABLE_ROW:
        rows_seen[0] += 1
        if rows_seen[0] > ROWS:
            return None
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        found = find_focused(child, rows_seen) if child is not None else None
        if found is not None:
            return found
    return None


def focus_name(frame=None):
    """The name of what has the focus: as the last focus event said, or (no
    event yet: the focus did not move) as the tree says."""
    obj = focused[0]
    if obj is None and frame is not None:
        obj = focused[0] = find_focused(frame, [0])
    if obj is None:
        return None
    try:
        return obj.get_name()
    except GLib.Error:
        return None


def main():
    jiebang, sample = sys.argv[1:3]
    # libatspi asks each program for a cache GTK 4.8 does not have, and warns.
    GLib.log_set_handler('dbind', GLib.LogLevelFlags.LEVEL_WARNING, lambda *args: None)
    tmp = tempfile.mkdtemp(prefix='jb-atspi-')
    db = os.path.join(tmp, 'atspi.db')
    subprocess.run([jiebang, '--db', db, '--import', sample], check=True,
                   stdout=subprocess.DEVNULL)
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    log = os.path.join(tmp, 'stderr')

    def start():
        with open(log, 'w') as err:
            return subprocess.Popen([jiebang, '--db', db], env=env, stderr=err)

    # xvfb-run may hand over its display a moment before the server takes
    # clients ("cannot open display"): start again, a few times.
    app_process = start()
    for _ in range(10):
        try:
            app_process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            break
        app_process = start()
    try:
        Atspi.init()
        listener = Atspi.EventListener.new(on_focus)
        listener.register('object:state-changed:focused')
        app = frame = None
        deadline = time.monotonic() + 30
        while frame is None and time.monotonic() < deadline and app_process.poll() is None:
            settle(0.2)
            app = find_app()
            frame = find_frame(app) if app else None
        if frame is None:
            sys.exit('jiebang did not appear on the accessibility bus (%s)' %
                     ('exit status %d' % app_process.returncode
                      if app_process.poll() is not None else 'still running'))
        settle(1.0)
        for digit in '1234567890':
            key(digit, ALT)
            settle(0.6)
            page = 'Alt+%s' % digit
            name = focus_name(frame)
            if not name or CLASS_NAME.match(name) or '_' in name:
                fail(page, 'the focus is on “%s”' % name)
            check(frame, page, 0, [0])
            # Only the page shown: one table, or none on the dashboard.
            tables = count(frame, Atspi.Role.TREE_TABLE)
            if tables != (0 if digit == '1' else 1):
                fail(page, '%d tables in the tree' % tables)
            if digit == '7':
                # The form: F6; a picker opened with Space lists named rows.
                key('F6')
                settle(0.4)
                for _ in range(3):
                    if focused[0] is not None and focused[0].get_role() == Atspi.Role.PUSH_BUTTON:
                        break
                    key('Tab')
                    settle(0.3)
                picker = focus_name()
                key('space')
                settle(0.6)
                row = focused[0]
                if row is None or row.get_role() != Atspi.Role.LIST_ITEM or not row.get_name():
                    fail(page, 'Space on “%s” did not put the focus on a named row' % picker)
                key('Escape')
                settle(0.4)
                if focus_name() != picker:
                    fail(page, 'Escape did not go back to “%s” but to “%s”'
                         % (picker, focus_name()))
        print('checked %d controls and parts on 10 pages' % checked)
    finally:
        app_process.terminate()
        app_process.wait()
        # What the program said, for the test's log.
        with open(log) as err:
            sys.stderr.write(err.read())
        # The database, its journal and its backups folder (the day's copy).
        shutil.rmtree(tmp)
    if faults:
        print('What a screen reader is told is wrong:\n  ' + '\n  '.join(faults))
        sys.exit(1)


if __name__ == '__main__':
    main()
