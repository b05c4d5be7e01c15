<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.paths</name>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>a FIFO</source>
      <translation>FIFO 管道</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>a character device</source>
      <translation>字符设备</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>a block device</source>
      <translation>块设备</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>a socket</source>
      <translation>套接字</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>is not a usable path (it contains a NUL character)</source>
      <translation>不是可用的路径（其中含有 NUL 字符）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>is a folder, not a file</source>
      <translation>是文件夹，不是文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>not a file</source>
      <translation>不是文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>is not a regular file ({kind})</source>
      <translation>不是普通文件（是{kind}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>cannot be read (permission denied)</source>
      <translation>无法读取（没有权限）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>does not exist</source>
      <translation>不存在</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>has a name too long for the file system (a part of it is over 255 bytes, or the whole path over 4096)</source>
      <translation>的名称对文件系统来说太长（某一部分超过 255 字节，或整个路径超过 4096 字节）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>is a symbolic link loop (the links point at each other)</source>
      <translation>是循环的符号链接（链接互相指向对方）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>cannot be reached (permission denied on a folder above it)</source>
      <translation>无法访问（没有其上层某个文件夹的权限）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>is a broken symbolic link (to {target}, which does not exist)</source>
      <translation>是失效的符号链接（指向的 {target} 不存在）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>cannot be read ({reason})</source>
      <translation>无法读取（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/paths.py" />
      <source>{start}...({count} characters)</source>
      <translation>{start}...（共 {count} 个字符）</translation>
    </message>
  </context>
</TS>
