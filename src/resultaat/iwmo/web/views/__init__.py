"""The iWmo pages: requests (iWmo 315/317 and portal requests) and the message traffic."""
