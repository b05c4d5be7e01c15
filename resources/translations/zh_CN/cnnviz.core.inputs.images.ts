<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.images</name>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: the file is empty</source>
      <translation>{name}：文件是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: cannot read the file (permission denied)</source>
      <translation>{name}：无法读取文件（没有权限）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: cannot read the file ({reason})</source>
      <translation>{name}：无法读取文件（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: no such file</source>
      <translation>{name}：文件不存在</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: is a directory, not an image file</source>
      <translation>{name}：这是一个文件夹，不是图像文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: no image data (empty)</source>
      <translation>{name}：没有图像数据（为空）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: not an image file that Pillow can read</source>
      <translation>{name}：不是 Pillow 能读取的图像文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: refused as a possible decompression bomb: {reason}</source>
      <translation>{name}：疑似解压炸弹，已拒绝：{reason}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: not enough memory to decode this image</source>
      <translation>{name}：内存不足，无法解码这张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: corrupt or truncated image ({reason})</source>
      <translation>{name}：图像已损坏或不完整（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>{name}: the image has no pixels ({width}x{height})</source>
      <translation>{name}：图像没有像素（{width}x{height}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>input spec: channels must be 1 or 3, not {channels}</source>
      <translation>输入设定：通道数必须是 1 或 3，而不是 {channels}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>input spec: size must be two positive numbers (height, width), not {size}</source>
      <translation>输入设定：尺寸必须是两个正数（高、宽），而不是 {size}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>input spec: resize must be positive or None, not {resize}</source>
      <translation>输入设定：resize 必须是正数或 None，而不是 {resize}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>input spec: {label} needs 1 or {channels} values, not {count}</source>
      <translation>输入设定：{label} 需要 1 个或 {channels} 个值，而不是 {count} 个</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/images.py" />
      <source>input spec: std must not contain zero ({std})</source>
      <translation>输入设定：std 不能含有 0（{std}）</translation>
    </message>
  </context>
</TS>
