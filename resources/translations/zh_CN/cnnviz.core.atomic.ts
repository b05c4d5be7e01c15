<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.atomic</name>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>it is a folder; give a file name</source>
      <translation>这是一个文件夹；请给出文件名</translation>
    </message>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>cannot write {what}{path}: {reason}</source>
      <translation>无法写入{what}{path}：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>its name</source>
      <translation>它的文件名</translation>
    </message>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>the folder name {name}</source>
      <translation>文件夹名 {name}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>{which} is {size} bytes long; this file system takes at most {most}</source>
      <translation>{which}长 {size} 字节；这个文件系统最多允许 {most} 字节</translation>
    </message>
    <message>
      <location filename="cnnviz/core/atomic.py" />
      <source>the whole path is {size} bytes long; this system takes at most {most}</source>
      <translation>整个路径长 {size} 字节；这个系统最多允许 {most} 字节</translation>
    </message>
  </context>
</TS>
