#!/usr/bin/python3
"""Makes a Python 3 working copy of Debian's vicc library (python3-virtualsmartcard) in a temporary folder.

Debian installs the library off the Python path, it imports `Crypto` where Debian ships
`Cryptodome`, and its ePass card still has Python 2 leftovers (raw_input, str where bytes
are meant). This copies the library and patches the copy only; the system stays untouched.
    fix-vicc.py DIR                -> run vicc with PYTHONPATH=DIR
    fix-vicc.py --as-shipped DIR   -> the Python 3 mends only: vicc's own EF.COM (its tag list
                                      written as the text "6175") stays as Debian ships it
"""
import os
import shutil
import sys

import Cryptodome

SOURCE = "/usr/lib/python3/site-packages/virtualsmartcard/virtualsmartcard"


def patch(path, replacements):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for old, new in replacements:
        if old not in text:
            sys.exit(f"fix-vicc: {os.path.basename(path)} no longer contains {old!r}; the patch needs a look")
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    args = sys.argv[1:]
    as_shipped = "--as-shipped" in args
    target = [a for a in args if a != "--as-shipped"][0]
    lib = os.path.join(target, "virtualsmartcard")
    shutil.rmtree(lib, ignore_errors=True)
    shutil.copytree(SOURCE, lib, ignore=shutil.ignore_patterns("__pycache__"))
    alias = os.path.join(target, "Crypto")
    if not os.path.exists(alias):
        os.symlink(os.path.dirname(Cryptodome.__file__), alias)
    patch(os.path.join(lib, "CardGenerator.py"), [
        ('MRZ = raw_input("Please enter the MRZ as one string: ")',
         'MRZ = input("Please enter the MRZ as one string: ").strip().encode("ascii")'),
        ('picturepath = raw_input(', 'picturepath = input('),
        ("        except IOError:\n            logging.warning(\"Failed to open file: \" + picturepath)",
         "        except (IOError, AttributeError, ValueError):\n            logging.warning(\"Failed to open file: \" + picturepath)"),
        ("dfname='\\xa0\\x00\\x00\\x02G\\x10\\x01'", "dfname=b'\\xa0\\x00\\x00\\x02G\\x10\\x01'"),
        ('IIB = "\\x00\\x01" + inttostring', 'IIB = b"\\x00\\x01" + inttostring'),
        ('inttostring(pic_height, 2) + 6 * "\\x00"', 'inttostring(pic_height, 2) + 6 * b"\\x00"'),
        ('FIB = inttostring(length, 4) + 16 * "\\x00"', 'FIB = inttostring(length, 4) + 16 * b"\\x00"'),
        ('FRH = "FAC" + "\\x00" + "010" + "\\x00" +\\', 'FRH = b"FAC" + b"\\x00" + b"010" + b"\\x00" +\\'),
        ('            DG2 = ""', '            DG2 = b""'),
    ] + ([] if as_shipped else [
        # EF.COM's tag list is the tags 61 75 (DG1, DG2), not the text "6175".
        ('(0x5C, 2, b"6175")', '(0x5C, 2, b"\\x61\\x75")'),
    ]))
    patch(os.path.join(lib, "SEutils.py"), [
        ('        return_data = ["", ]\n', '        return_data = [b"", ]\n'),
        ('            to_authenticate = ""\n', '            to_authenticate = b""\n'),
        ('                   data="".join(return_data))', '                   data=b"".join(return_data))'),
        ('                padding_indicator = stringtoint(value[0])', '                padding_indicator = value[0]'),
        ('        return_data = ""\n        # if sw == SW["NORMAL"]:', '        return_data = b""\n        # if sw == SW["NORMAL"]:'),
        ('        if result != "":  # Encrypt the data included in the RAPDU', '        if result:  # Encrypt the data included in the RAPDU'),
        ('            encrypted = "\\x01" + encrypted', '            encrypted = b"\\x01" + encrypted'),
    ])
    patch(os.path.join(lib, "CryptoUtils.py"), [
        # The send-sequence counter is 8 bytes, leading zeros included.
        ('            data = inttostring(ssc) + data', '            data = inttostring(ssc, 8) + data'),
        ('        result.append(chr(op(ord(string1[i]), ord(string2[i]))))\n    return "".join(result)',
         '        result.append(op(string1[i], string2[i]))\n    return bytes(result)'),
    ])
    patch(os.path.join(lib, "TLVutils.py"), [
        ('    return b"".join(result)\n', '    return result if isinstance(result, bytes) else b"".join(result)\n'),
        # nPA's data groups are built from str values.
        ('        if not isinstance(value, bytes):\n            value = pack(value, recalculate_length)',
         '        if isinstance(value, str):\n            value = value.encode("utf-8")\n'
         '        if not isinstance(value, bytes):\n            value = pack(value, recalculate_length)'),
    ])
    # For -t nPA (PACE): the security environment's configuration is bytes, and a byte of it an int.
    patch(os.path.join(lib, "SEutils.py"), [
        ('        self.__config_string = config\n',
         '        self.__config_string = config.encode("latin-1") if isinstance(config, str) else config\n'),
        ('            length = stringtoint(self.__config_string[position+1])\n            position',
         '            length = self.__config_string[position+1]\n            position'),
        ('            length = stringtoint(self.__config_string[position+1])\n            self',
         '            length = self.__config_string[position+1]\n            self'),
    ])


if __name__ == "__main__":
    main()
